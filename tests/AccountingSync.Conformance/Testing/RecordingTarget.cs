using System.Globalization;
using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Model.Documents;

namespace AccountingSync.Conformance.Testing;

/// <summary>
/// An accounting system stand-in that keeps every applied write, honours idempotency keys as a provider's request
/// id does, and can inject faults per write (seeded, so failures reproduce). It records enough history to prove
/// that nothing was applied twice and that no older version was applied after a newer one.
/// </summary>
public sealed class RecordingTarget : ITargetConnector
{
    private readonly Lock _lock = new();
    private readonly Dictionary<IdempotencyKey, string> _applied = [];
    private readonly Dictionary<SourceIdentity, AccountingDocument> _current = [];
    private readonly List<(SourceIdentity Entity, SourceVersion Version, IdempotencyKey Key)> _history = [];
    private int _nextId;

    /// <summary>Creates a target.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="maxBulkSize">The largest bulk call it accepts.</param>
    public RecordingTarget(string name = "books", int maxBulkSize = 50)
    {
        Name = name;
        Capabilities = new TargetCapabilities { MaxBulkSize = maxBulkSize, SupportsReadBack = false };
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public TargetCapabilities Capabilities { get; }

    /// <summary>Gets or sets the fault to inject per write; called under no lock, may use a seeded random.</summary>
    public Func<TargetWrite, TargetFault>? Faults { get; set; }

    /// <summary>Gets or sets a hook run after a write was applied and before the call returns.</summary>
    public Func<TargetWrite, ValueTask>? AfterApply { get; set; }

    /// <summary>Gets or sets a hook run at the start of every call, to slow or block the target.</summary>
    public Func<int, CancellationToken, ValueTask>? BeforeCall { get; set; }

    /// <summary>Gets or sets the Retry-After a throttled answer carries.</summary>
    public TimeSpan ThrottleRetryAfter { get; set; } = TimeSpan.Zero;

    /// <summary>Gets or sets how long a slow answer takes.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Gets the sizes of the calls made, in order.</summary>
    public List<int> CallSizes { get; } = [];

    /// <summary>Gets a snapshot of the documents held, by entity.</summary>
    public IReadOnlyDictionary<SourceIdentity, AccountingDocument> Current
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<SourceIdentity, AccountingDocument>(_current);
            }
        }
    }

    /// <summary>Gets a snapshot of every application, in order.</summary>
    public IReadOnlyList<(SourceIdentity Entity, SourceVersion Version, IdempotencyKey Key)> History
    {
        get
        {
            lock (_lock)
            {
                return [.. _history];
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<TargetWriteResult> WriteAsync(TargetWrite write, CancellationToken cancellationToken)
    {
        await OnCallAsync(1, cancellationToken);
        return await WriteOneAsync(write, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask WriteBulkAsync(
        ReadOnlyMemory<TargetWrite> writes, Memory<TargetWriteResult> results, CancellationToken cancellationToken)
    {
        if (writes.Length > Capabilities.MaxBulkSize)
        {
            throw new InvalidOperationException($"Bulk call of {writes.Length} exceeds the limit of {Capabilities.MaxBulkSize}.");
        }

        await OnCallAsync(writes.Length, cancellationToken);
        for (var i = 0; i < writes.Length; i++)
        {
            var result = await WriteOneAsync(writes.Span[i], cancellationToken);
            results.Span[i] = result;
        }
    }

    private async ValueTask OnCallAsync(int size, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            CallSizes.Add(size);
        }

        if (BeforeCall is { } hook)
        {
            await hook(size, cancellationToken);
        }
    }

    private async ValueTask<TargetWriteResult> WriteOneAsync(TargetWrite write, CancellationToken cancellationToken)
    {
        var fault = Faults?.Invoke(write) ?? TargetFault.None;
        switch (fault)
        {
            case TargetFault.Transient:
                return TargetWriteResult.Failed(ErrorClass.Transient, "503 Service Unavailable");
            case TargetFault.Throttled:
                return TargetWriteResult.Failed(ErrorClass.Transient, "429 Too Many Requests", ThrottleRetryAfter);
            case TargetFault.Conflict:
                return TargetWriteResult.Failed(ErrorClass.Conflict, "409 Stale object: the SyncToken is out of date");
            case TargetFault.Hang:
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                break;
            case TargetFault.Slow:
                await Task.Delay(SlowDelay, cancellationToken);
                break;
            case TargetFault.Throw:
                throw new IOException("Connection reset by peer");
            case TargetFault.Permanent:
                return TargetWriteResult.Failed(ErrorClass.Permanent, "400 Bad Request: the ledger refused the document");
        }

        string id;
        bool fresh;
        lock (_lock)
        {
            fresh = !_applied.TryGetValue(write.Key, out var existing);
            if (fresh)
            {
                id = "T" + (++_nextId).ToString(CultureInfo.InvariantCulture);
                _applied[write.Key] = id;
                _current[write.Document.Source] = write.Document;
                _history.Add((write.Document.Source, write.Document.Version, write.Key));
            }
            else
            {
                id = existing!;
            }
        }

        if (fresh && AfterApply is { } after)
        {
            await after(write);
        }

        return fault == TargetFault.AppliedButLost
            ? TargetWriteResult.Failed(ErrorClass.Transient, "The response was lost after the write")
            : fresh ? TargetWriteResult.Written(id) : TargetWriteResult.AlreadyApplied(id);
    }
}
