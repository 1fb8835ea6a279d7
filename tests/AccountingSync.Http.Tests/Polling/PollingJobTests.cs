using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AccountingSync.Conformance.Testing;
using AccountingSync.Connectors;
using AccountingSync.Http.Polling;
using AccountingSync.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace AccountingSync.Http.Tests.Polling;

/// <summary>The schedule and the on-demand poll share one stream state and never overlap.</summary>
public sealed class PollingJobTests
{
    private sealed class GateSource : ISourceConnector
    {
        private int _active;

        public string Name => "gate";

        public SourceCapabilities Capabilities { get; } = new(SourceFeatures.ModifiedSince);

        public TaskCompletionSource Gate { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Channel<int> Started { get; } = Channel.CreateUnbounded<int>();

        public int MaxActive { get; private set; }

        public int Runs { get; private set; }

        public async IAsyncEnumerable<SourceChange> ReadChangesAsync(
            string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            MaxActive = Math.Max(MaxActive, Interlocked.Increment(ref _active));
            Started.Writer.TryWrite(++Runs);
            await Gate.Task.WaitAsync(cancellationToken);
            Interlocked.Decrement(ref _active);
            yield break;
        }
    }

    [Fact]
    public async Task SyncNowAsync_WhileAPollRuns_OneFollowUpServesEveryRequestAndNoneOverlap()
    {
        var source = new GateSource();
        await using var pipeline = new SyncPipeline(new RecordingTarget(), SyncStores.InMemory());
        var job = new PollingJob(pipeline, source, new TestRecordMapper(), new PollingScheduleOptions());
        var ct = TestContext.Current.CancellationToken;

        var first = job.SyncNowAsync(ct);
        await source.Started.Reader.ReadAsync(ct);
        var requests = Enumerable.Range(0, 3).Select(_ => job.SyncNowAsync(ct)).ToList();
        source.Gate.SetResult();
        await first;
        await Task.WhenAll(requests);

        Assert.Equal(2, source.Runs);
        Assert.Equal(1, source.MaxActive);
    }

    [Fact]
    public async Task ExecuteAsync_Interval_PollsAgainAfterTheWaitWithJitter()
    {
        var source = new GateSource();
        source.Gate.SetResult();
        var time = new FakeTimeProvider();
        await using var pipeline = new SyncPipeline(new RecordingTarget(), SyncStores.InMemory());
        var schedule = new PollingScheduleOptions { Interval = TimeSpan.FromMinutes(10), Jitter = 0.2 };
        var job = new PollingJob(pipeline, source, new TestRecordMapper(), schedule);
        var scheduled = Channel.CreateUnbounded<TimeSpan>();
        using var service = new PollingHostedService([job], time, new WaitLogger(scheduled.Writer));
        var ct = TestContext.Current.CancellationToken;

        await service.StartAsync(ct);
        Assert.Equal(1, await source.Started.Reader.ReadAsync(ct));
        var wait = await scheduled.Reader.ReadAsync(ct);
        Assert.InRange(wait, TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(12));
        time.Advance(wait - TimeSpan.FromSeconds(1));
        await Task.Yield();
        Assert.False(source.Started.Reader.TryRead(out _), "polled before the wait was over");
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, await source.Started.Reader.ReadAsync(ct));
        await service.StopAsync(ct);
    }

    private sealed class WaitLogger(ChannelWriter<TimeSpan> waits) : Microsoft.Extensions.Logging.ILogger<PollingHostedService>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(
            Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
            Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 3001 && state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                waits.TryWrite((TimeSpan)values.First(v => v.Key == "Wait").Value!);
            }
        }
    }

    [Theory]
    [InlineData(0.5, 0.1)]
    [InlineData(61, 0.1)]
    [InlineData(5, 0.6)]
    public void Validate_OutOfRange_NamesTheSetting(double minutes, double jitter)
    {
        var options = new PollingScheduleOptions { Interval = TimeSpan.FromMinutes(minutes), Jitter = jitter };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(jitter > 0.5 ? "Jitter" : "Interval", error.Message, StringComparison.Ordinal);
    }
}
