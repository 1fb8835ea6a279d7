using AccountingSync.Http.Polling.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccountingSync.Http.Polling;

/// <summary>
/// Runs the schedule of every registered <see cref="PollingJob"/>: a poll at start, then one per interval (with
/// jitter) after each poll ends. A failed poll is logged and the schedule goes on from the stream's checkpoint.
/// </summary>
/// <remarks>On shutdown each job's running poll is stopped, drained and checkpointed.</remarks>
/// <param name="jobs">The jobs.</param>
/// <param name="timeProvider">The clock the waits are measured on; the system clock when null.</param>
/// <param name="logger">The logger.</param>
public sealed class PollingHostedService(
    IEnumerable<PollingJob> jobs, TimeProvider? timeProvider = null, ILogger<PollingHostedService>? logger = null)
    : BackgroundService
{
    private readonly List<PollingJob> _jobs = [.. jobs];
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_jobs.Select(job => LoopAsync(job, stoppingToken)));

    private async Task LoopAsync(PollingJob job, CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await job.SyncNowAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.ScheduledPollFailed(_logger, ex, job.Source.Name);
                }

                var wait = job.Schedule.NextWait(Random.Shared);
                var delay = Task.Delay(wait, _time, stoppingToken);
                Log.NextPollScheduled(_logger, job.Source.Name, wait);
                await delay.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await job.StopAsync().ConfigureAwait(false);
        }
    }
}
