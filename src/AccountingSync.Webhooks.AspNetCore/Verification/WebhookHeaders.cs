using System.Diagnostics.CodeAnalysis;

namespace AccountingSync.Webhooks.Verification;

/// <summary>An <see cref="IWebhookHeaders"/> over a fixed set of name/value pairs, for tests, tools and replays.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class WebhookHeaders : IWebhookHeaders
{
    private readonly Dictionary<string, string> _values;

    /// <summary>Creates the headers.</summary>
    /// <param name="values">The headers; a later duplicate name replaces an earlier one.</param>
    public WebhookHeaders(IEnumerable<KeyValuePair<string, string>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in values)
        {
            _values[name] = value;
        }
    }

    /// <summary>Gets headers with no entries.</summary>
    public static WebhookHeaders Empty { get; } = new([]);

    /// <inheritdoc />
    public bool TryGetValue(string name, [NotNullWhen(true)] out string? value) => _values.TryGetValue(name, out value);
}
