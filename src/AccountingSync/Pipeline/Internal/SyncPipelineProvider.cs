using System.Collections.Concurrent;
using AccountingSync.Connectors;
using AccountingSync.Resilience;
using AccountingSync.Routing;
using AccountingSync.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountingSync.Pipeline.Internal;

/// <summary>Creates one <see cref="SyncPipeline"/> per registered target and disposes them with the container.</summary>
internal sealed class SyncPipelineProvider(IServiceProvider services) : ISyncPipelineProvider, IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<SyncPipeline>> _pipelines = new(StringComparer.Ordinal);

    public SyncPipeline GetPipeline(string target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        return _pipelines.GetOrAdd(target, name => new Lazy<SyncPipeline>(() => Create(name))).Value;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var pipeline in _pipelines.Values.Where(p => p.IsValueCreated))
        {
            await pipeline.Value.StopAsync().ConfigureAwait(false);
            await pipeline.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Aborts the pipelines when the container is disposed synchronously; records in flight are delivered again by
    /// the next run. Prefer disposing the container asynchronously, which lets partitions finish their writes.
    /// </summary>
    public void Dispose()
    {
        foreach (var pipeline in _pipelines.Values.Where(p => p.IsValueCreated))
        {
            pipeline.Value.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private SyncPipeline Create(string name)
    {
        var connector = services.GetKeyedService<ITargetConnector>(name)
            ?? throw new InvalidOperationException($"No target named '{name}' is registered; add it with AddTarget(\"{name}\", ...).");
        return new SyncPipeline(
            connector,
            services.GetRequiredService<SyncStores>(),
            services.GetRequiredService<IOptionsMonitor<SyncPipelineOptions>>().Get(name),
            services.GetService<IDocumentValidator>(),
            services.GetService<IRecordRouter>(),
            services.GetKeyedService<TargetRateLimiter>(name),
            services.GetRequiredService<TimeProvider>(),
            services.GetService<ILogger<SyncPipeline>>());
    }
}
