using AccountingSync.Http.Polling;
using AccountingSync.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountingSync.Http.DependencyInjection.Internal;

/// <summary>Builds every registered endpoint's job once, on first use, from its validated options.</summary>
internal sealed class PollingJobs : IPollingJobs
{
    private readonly Lazy<IReadOnlyDictionary<string, PollingJob>> _jobs;

    public PollingJobs(
        PollingRegistry registry,
        IOptionsMonitor<PollingEndpointOptions> options,
        ISyncPipelineProvider pipelines,
        IHttpClientFactory clients,
        TimeProvider time,
        SyncStores stores,
        IServiceProvider services,
        ILogger<PollingJob>? logger = null)
    {
        _jobs = new(() => registry.Names.ToDictionary(
            name => name,
            name =>
            {
                var settings = options.Get(name);
                var source = registry.IsCustomSource(name)
                    ? registry.CreateSource(name, services)
                    : new HttpPollingSource(clients.CreateClient(PollingRegistry.ClientName(name)), settings.Endpoint!, name, time);
                return new PollingJob(
                    pipelines.GetPipeline(settings.Target), source, registry.CreateMapper(name, services),
                    settings.Schedule, stores.Checkpoints, time, logger);
            },
            StringComparer.Ordinal));
    }

    public IReadOnlyCollection<string> Names => [.. _jobs.Value.Keys];

    public IEnumerable<PollingJob> All => _jobs.Value.Values;

    public PollingJob Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _jobs.Value.TryGetValue(name, out var job)
            ? job
            : throw new KeyNotFoundException($"No polling endpoint is named '{name}'; add it with AddPolling(...).");
    }

    public Task<SyncRunResult> SyncNowAsync(string name, CancellationToken cancellationToken = default) =>
        Get(name).SyncNowAsync(cancellationToken);
}
