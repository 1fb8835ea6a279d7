using System.Diagnostics.CodeAnalysis;

namespace AccountingSync.Webhooks.Verification;

/// <summary>Read access to a delivery's request headers, independent of the web framework that received it.</summary>
/// <remarks>Header names are compared case-insensitively, as HTTP requires.</remarks>
public interface IWebhookHeaders
{
    /// <summary>Gets a header's value.</summary>
    /// <param name="name">The header name, in any case.</param>
    /// <param name="value">The value when present; several values of one header are joined with commas.</param>
    /// <returns><see langword="true"/> when the header is present, even with an empty value.</returns>
    bool TryGetValue(string name, [NotNullWhen(true)] out string? value);
}
