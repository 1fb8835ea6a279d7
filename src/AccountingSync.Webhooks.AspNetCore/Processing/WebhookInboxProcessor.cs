using AccountingSync.Connectors;
using AccountingSync.Inbox;
using AccountingSync.Pipeline;
using AccountingSync.Webhooks.Configuration.Internal;
using AccountingSync.Webhooks.Diagnostics;
using AccountingSync.Webhooks.Inbox.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountingSync.Webhooks.Processing;

/// <summary>
/// The hosted service that moves verified deliveries from the inbox into the pipeline: it claims a batch under a
/// lease, parses each event into source changes, fetches thin notifications' entities, runs each endpoint's share
/// of the batch through its target's pipeline as one stream run, and completes the events once the run committed
/// (or dead-lettered) every change and saved its checkpoint.
/// </summary>
/// <remarks>
/// <para>
/// A run that fails or is stopped releases its events, to be claimed again; changes it had already committed are
/// then recognised by the pipeline's deduplication and idempotency, so nothing is written twice. A payload that
/// cannot be parsed will never parse, so its event goes to the dead-letter store with the reason and is completed.
/// </para>
/// <para>
/// The stream of endpoint <c>shop</c> is named <c>webhooks.shop</c>; its checkpoint records the highest inbox
/// sequence committed. New deliveries wake the processor at once; otherwise it looks again every
/// <see cref="WebhookProcessingOptions.PollInterval"/>.
/// </para>
/// </remarks>
public sealed partial class WebhookInboxProcessor : BackgroundService
{
    private readonly IInboxStore _inbox;
    private readonly IServiceProvider _services;
    private readonly WebhookProcessingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly WebhookEndpoints _endpoints;
    private readonly InboxSignal _signal;

    // One cycle at a time per instance: a pipeline runs each stream at most once at a time.
    private readonly SemaphoreSlim _cycle = new(1, 1);

    internal WebhookInboxProcessor(
        IInboxStore inbox,
        IServiceProvider services,
        IOptions<WebhookProcessingOptions> options,
        TimeProvider time,
        ILogger<WebhookInboxProcessor> logger,
        WebhookEndpoints endpoints,
        InboxSignal signal)
    {
        _inbox = inbox;
        _services = services;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _endpoints = endpoints;
        _signal = signal;
    }

    /// <summary>Runs one cycle: claims, processes and completes or releases a batch.</summary>
    /// <param name="cancellationToken">Stops the cycle; a stopped run releases its events.</param>
    /// <returns>How many events were claimed; zero when the inbox had nothing to do.</returns>
    /// <remarks>Cycles of one instance run one at a time; a call made during the background cycle waits for it.</remarks>
    public async Task<int> ProcessOnceAsync(CancellationToken cancellationToken)
    {
        await _cycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var claimed = await _inbox.ClaimAsync(
                _options.InstanceId, _options.BatchSize, now + _options.LeaseDuration, now, cancellationToken).ConfigureAwait(false);
            foreach (var group in claimed.GroupBy(e => e.Provider, StringComparer.Ordinal))
            {
                await ProcessEndpointAsync(group.Key, [.. group], cancellationToken).ConfigureAwait(false);
            }

            return claimed.Count;
        }
        finally
        {
            _cycle.Release();
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _cycle.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = _signal.Next;
            var claimed = 0;
            try
            {
                claimed = await ProcessOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.CycleFailed(_logger, ex);
            }

            if (claimed < _options.BatchSize)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var delay = Task.Delay(_options.PollInterval, _time, idle.Token);
                await Task.WhenAny(wake, delay).ConfigureAwait(false);
                await idle.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task ProcessEndpointAsync(string name, List<InboxEvent> events, CancellationToken cancellationToken)
    {
        if (!_endpoints.TryGet(name, out var endpoint) || endpoint.Options.Target is not { } target)
        {
            foreach (var e in events)
            {
                await ReleaseAsync(e, $"No endpoint named '{name}' with a target is configured on this instance.").ConfigureAwait(false);
            }

            return;
        }

        var fetcher = _services.GetKeyedService<IWebhookEntityFetcher>(name);
        var prepared = await PrepareAllAsync(endpoint, target, fetcher, events, cancellationToken).ConfigureAwait(false);
        var changes = new List<SourceChange>();
        var included = new List<long>();
        for (var i = 0; i < events.Count; i++)
        {
            if (prepared[i] is { } eventChanges)
            {
                changes.AddRange(eventChanges);
                included.Add(events[i].Sequence);
            }
        }

        await RunAsync(endpoint, target, changes, included, events, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Prepares every claimed event, fetching for up to <see cref="WebhookProcessingOptions.MaxConcurrentFetches"/>
    /// events at once. Results keep the claim order, so an entity's changes reach the pipeline in the order they were
    /// received however the fetches finish.
    /// </summary>
    private async Task<List<SourceChange>?[]> PrepareAllAsync(
        WebhookEndpoint endpoint, string target, IWebhookEntityFetcher? fetcher, List<InboxEvent> events,
        CancellationToken cancellationToken)
    {
        var prepared = new List<SourceChange>?[events.Count];
        if (fetcher is null || _options.MaxConcurrentFetches == 1 || events.Count == 1)
        {
            for (var i = 0; i < events.Count; i++)
            {
                prepared[i] = await PrepareAsync(endpoint, target, fetcher, events[i], cancellationToken).ConfigureAwait(false);
            }

            return prepared;
        }

        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = _options.MaxConcurrentFetches, CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(Enumerable.Range(0, events.Count), parallel, async (i, token) =>
                prepared[i] = await PrepareAsync(endpoint, target, fetcher, events[i], token).ConfigureAwait(false))
            .ConfigureAwait(false);
        return prepared;
    }
}
