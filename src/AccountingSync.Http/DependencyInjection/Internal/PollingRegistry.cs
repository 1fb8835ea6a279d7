using AccountingSync.Connectors;

namespace AccountingSync.Http.DependencyInjection.Internal;

/// <summary>What <c>AddPolling</c> registered: endpoint names, their mappers and which use OAuth or an API key.</summary>
internal sealed class PollingRegistry
{
    private readonly Dictionary<string, Func<IServiceProvider, IRecordMapper>> _mappers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _oauth = new(StringComparer.Ordinal);
    private readonly HashSet<string> _apiKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<IServiceProvider, ISourceConnector>> _sources = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _mappers.Keys;

    public static string ClientName(string endpoint) => "AccountingSync.Polling." + endpoint;

    public const string TokenClientName = "AccountingSync.Polling.OAuthToken";

    public void Add(string name, Func<IServiceProvider, IRecordMapper> mapper)
    {
        if (!_mappers.TryAdd(name, mapper))
        {
            throw new InvalidOperationException($"A polling endpoint named '{name}' is already registered.");
        }
    }

    public void AddSource(string name, Func<IServiceProvider, ISourceConnector> source, Func<IServiceProvider, IRecordMapper> mapper)
    {
        Add(name, mapper);
        _sources.Add(name, source);
    }

    /// <summary>Tells whether the name is a source of the host's own rather than an HTTP endpoint.</summary>
    public bool IsCustomSource(string? name) => name is not null && _sources.ContainsKey(name);

    public ISourceConnector CreateSource(string name, IServiceProvider services) => _sources[name](services);

    public bool Contains(string? name) => name is not null && _mappers.ContainsKey(name);

    public IRecordMapper CreateMapper(string name, IServiceProvider services) => _mappers[name](services);

    public void AddOAuth(string name) => _oauth.Add(name);

    public bool HasOAuth(string? name) => name is not null && _oauth.Contains(name);

    public void AddApiKey(string name) => _apiKey.Add(name);

    public bool HasApiKey(string? name) => name is not null && _apiKey.Contains(name);
}
