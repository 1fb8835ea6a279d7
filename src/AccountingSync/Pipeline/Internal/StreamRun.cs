using AccountingSync.Checkpoints;
using AccountingSync.Connectors;
using AccountingSync.Diagnostics;

namespace AccountingSync.Pipeline.Internal;

/// <summary>
/// The state of one stream while it runs: its mapper, its outcome counts, the low-water mark of its
/// completed records, and the checkpoint saved from that mark.
/// </summary>
/// <remarks>
/// Partitions complete records concurrently; a lock serializes the mark, and a gate lets one partition at a
/// time save the checkpoint while the others carry on.
/// </remarks>
internal sealed class StreamRun
{
    private readonly PipelineContext _context;
    private readonly Lock _lock = new();
    private readonly LowWaterMark _mark;
    private readonly SemaphoreSlim _saveGate = new(1, 1);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long[] _outcomes = new long[Enum.GetValues<RecordOutcome>().Length];
    private long _dispatched;
    private long _completed;
    private bool _readingDone;
    private long _sinceSave;
    private long _lastSaveTimestamp;
    private long _revision;
    private string? _savedCursor;

    public StreamRun(string stream, IRecordMapper mapper, Checkpoint? checkpoint, PipelineContext context)
    {
        Stream = stream;
        Mapper = mapper;
        _context = context;
        _revision = checkpoint?.Revision ?? 0;
        _savedCursor = checkpoint?.Cursor;
        _mark = new LowWaterMark(_savedCursor, context.Options.PartitionCapacity * 2);
        _lastSaveTimestamp = context.Time.GetTimestamp();
    }

    public string Stream { get; }

    public IRecordMapper Mapper { get; }

    public Task Completion => _completion.Task;

    public string? SavedCursor => _savedCursor;

    public long Read => Volatile.Read(ref _dispatched);

    public long Outcome(RecordOutcome outcome)
    {
        lock (_lock)
        {
            return _outcomes[(int)outcome];
        }
    }

    /// <summary>Hands out the next sequence number; only the stream's reader calls it.</summary>
    public long NextSequence() => _dispatched++;

    public void Complete(long sequence, string? cursor, RecordOutcome outcome)
    {
        lock (_lock)
        {
            _outcomes[(int)outcome]++;
        }

        Finish(sequence, cursor, adoptCursor: true);
    }

    /// <summary>Completes the records of a written batch that belong to this run, under one lock.</summary>
    public void CompleteBatch(List<PendingWrite> batch, ReadOnlySpan<RecordOutcome> outcomes)
    {
        lock (_lock)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var item = batch[i].Item;
                if (ReferenceEquals(item.Run, this))
                {
                    _outcomes[(int)outcomes[i]]++;
                    _mark.Complete(item.Sequence, item.Change!.Cursor);
                    _completed++;
                    _sinceSave++;
                }
            }

            SignalIfDone();
        }
    }

    /// <summary>Passes over a record that was never handed to a partition; its cursor is not adopted.</summary>
    public void Abandon(long sequence) => Finish(sequence, null, adoptCursor: false);

    public void ReadingCompleted()
    {
        lock (_lock)
        {
            _readingDone = true;
            SignalIfDone();
        }
    }

    public void Fail(Exception exception) => _completion.TrySetException(exception);

    /// <summary>Saves the checkpoint when enough records or time have passed since the last save.</summary>
    public async ValueTask CheckpointIfDueAsync(CancellationToken cancellationToken)
    {
        bool due;
        lock (_lock)
        {
            due = !string.Equals(_mark.Cursor, _savedCursor, StringComparison.Ordinal)
                && (_sinceSave >= _context.Options.CheckpointEvery
                    || _context.Time.GetElapsedTime(_lastSaveTimestamp) >= _context.Options.CheckpointInterval);
        }

        // Another partition saving right now will carry this progress or the next completion will.
        if (due && await _saveGate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await SaveCoreAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _saveGate.Release();
            }
        }
    }

    /// <summary>Saves the checkpoint if the mark moved since the last save, waiting for any save in progress.</summary>
    public async ValueTask SaveAsync(CancellationToken cancellationToken)
    {
        await _saveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SaveCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _saveGate.Release();
        }
    }

    private async ValueTask SaveCoreAsync(CancellationToken cancellationToken)
    {
        string? cursor;
        lock (_lock)
        {
            cursor = _mark.Cursor;
            if (string.Equals(cursor, _savedCursor, StringComparison.Ordinal))
            {
                return;
            }

            _sinceSave = 0;
            _lastSaveTimestamp = _context.Time.GetTimestamp();
        }

        var saved = await _context.Stores.Checkpoints
            .TrySaveAsync(Stream, cursor, _revision, _context.Time.GetUtcNow(), cancellationToken)
            .ConfigureAwait(false) ?? throw new CheckpointConflictException(Stream, _revision);
        _revision = saved.Revision;
        _savedCursor = cursor;
        PipelineMetrics.Checkpoints.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Stream, Stream));
        Log.CheckpointSaved(_context.Logger, Stream, saved.Revision);
    }

    private void Finish(long sequence, string? cursor, bool adoptCursor)
    {
        lock (_lock)
        {
            _mark.Complete(sequence, cursor, adoptCursor);
            _completed++;
            _sinceSave++;
            SignalIfDone();
        }
    }

    private void SignalIfDone()
    {
        if (_readingDone && _completed == _dispatched)
        {
            _completion.TrySetResult();
        }
    }
}
