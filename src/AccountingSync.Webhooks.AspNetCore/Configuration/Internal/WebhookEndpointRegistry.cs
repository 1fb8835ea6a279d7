namespace AccountingSync.Webhooks.Configuration.Internal;

/// <summary>The names of the configured endpoints and which of them have a mapper; filled while configuring.</summary>
internal sealed class WebhookEndpointRegistry
{
    private readonly List<string> _names = [];
    private readonly HashSet<string> _mapped = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Names => _names;

    public bool Contains(string name) => _names.Contains(name, StringComparer.Ordinal);

    public bool HasMapper(string name) => _mapped.Contains(name);

    public void Add(string name)
    {
        if (Contains(name))
        {
            throw new InvalidOperationException($"A webhook endpoint named '{name}' is already configured.");
        }

        _names.Add(name);
    }

    public void AddMapper(string name) => _mapped.Add(name);
}
