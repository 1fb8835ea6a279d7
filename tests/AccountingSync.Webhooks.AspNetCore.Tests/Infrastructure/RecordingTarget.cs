using System.Collections.Concurrent;
using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;

namespace AccountingSync.Webhooks.Tests.Infrastructure;

/// <summary>
/// A target that applies each idempotency key once, as a real accounting API with request ids does, and records
/// how often each entity was written, so tests can assert exactly-once delivery.
/// </summary>
internal sealed class RecordingTarget : TargetConnector
{
    private readonly ConcurrentDictionary<IdempotencyKey, byte> _applied = new();
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
    private int _written;

    public override string Name => "books";

    public ConcurrentDictionary<SourceIdentity, int> WritesPerEntity { get; } = new();

    public ConcurrentQueue<TargetWrite> Writes { get; } = new();

    public int Written => Volatile.Read(ref _written);

    public Func<TargetWrite, TargetWriteResult?>? Fault { get; set; }

    public override ValueTask<TargetWriteResult> WriteAsync(TargetWrite write, CancellationToken cancellationToken)
    {
        if (Fault?.Invoke(write) is { } fault)
        {
            return ValueTask.FromResult(fault);
        }

        if (!_applied.TryAdd(write.Key, 0))
        {
            return ValueTask.FromResult(TargetWriteResult.AlreadyApplied(write.Key.ToString()));
        }

        Writes.Enqueue(write);
        WritesPerEntity.AddOrUpdate(write.Document.Source, 1, (_, n) => n + 1);
        var written = Interlocked.Increment(ref _written);
        lock (_lock)
        {
            foreach (var waiter in _waiters.Where(w => written >= w.Count))
            {
                waiter.Done.TrySetResult();
            }
        }

        return ValueTask.FromResult(TargetWriteResult.Written(write.Key.ToString()));
    }

    /// <summary>Completes once at least <paramref name="count"/> writes were applied.</summary>
    public Task WaitForWritesAsync(int count, TimeSpan timeout)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (Written >= count)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((count, done));
        }

        return done.Task.WaitAsync(timeout);
    }
}
