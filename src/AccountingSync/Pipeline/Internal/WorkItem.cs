using AccountingSync.Connectors;

namespace AccountingSync.Pipeline.Internal;

/// <summary>
/// What travels through a partition channel: a change with its stream and sequence, or a flush marker.
/// A struct, so a channel of them allocates nothing per record.
/// </summary>
internal readonly struct WorkItem
{
    private WorkItem(SourceChange? change, StreamRun run, long sequence)
    {
        Change = change;
        Run = run;
        Sequence = sequence;
    }

    public SourceChange? Change { get; }

    public StreamRun Run { get; }

    public long Sequence { get; }

    /// <summary>Gets a value indicating whether this is a marker asking the worker to write what it holds.</summary>
    public bool IsFlush => Change is null;

    public static WorkItem ForChange(SourceChange change, StreamRun run, long sequence) => new(change, run, sequence);

    public static WorkItem Flush(StreamRun run) => new(null, run, -1);
}
