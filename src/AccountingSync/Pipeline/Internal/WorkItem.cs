using AccountingSync.Connectors;

namespace AccountingSync.Pipeline.Internal;

/// <summary>
/// What travels through a partition channel: a change with its stream and sequence, a flush marker, or a tick.
/// A struct, so a channel of them allocates nothing per record.
/// </summary>
internal readonly struct WorkItem
{
    private readonly StreamRun? _run;

    private WorkItem(SourceChange? change, StreamRun? run, long sequence)
    {
        Change = change;
        _run = run;
        Sequence = sequence;
    }

    public SourceChange? Change { get; }

    public StreamRun Run => _run!;

    /// <summary>Gets a value indicating whether this is the partition's own timer saying a batch's max wait ran out.</summary>
    public bool IsTick => _run is null;

    public long Sequence { get; }

    /// <summary>Gets a value indicating whether this is a marker asking the worker to write what it holds.</summary>
    public bool IsFlush => Change is null && _run is not null;

    public static WorkItem ForChange(SourceChange change, StreamRun run, long sequence) => new(change, run, sequence);

    public static WorkItem Flush(StreamRun run) => new(null, run, -1);

    public static WorkItem Tick() => new(null, null, -1);
}
