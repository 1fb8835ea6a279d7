using System.Threading.Channels;
using AccountingSync.Model;

namespace AccountingSync.Pipeline.Internal;

/// <summary>
/// One partition of the pipeline: reads its channel in order and runs every stage for its records, so records
/// of one entity are handled strictly in order while other partitions run in parallel.
/// </summary>
/// <remarks>
/// The stages live in <see cref="RecordProcessor"/> (dedup, map, validate, route) and <see cref="BatchWriter"/>
/// (write, retry, commit); this class owns the loop, the batches and the max-wait timer.
/// </remarks>
internal sealed class PartitionWorker
{
    private readonly PipelineContext _context;
    private readonly Channel<WorkItem> _channel;
    private readonly LaneBatch[] _lanes;
    private readonly HashSet<SourceIdentity> _pendingEntities = [];
    private readonly RecordProcessor _processor;
    private readonly BatchWriter _writer;
    private readonly ITimer _timer;
    private volatile bool _deadlinePassed;
    private long _armedUntil = long.MaxValue;

    public PartitionWorker(PipelineContext context)
    {
        _context = context;
        _channel = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(context.Options.PartitionCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _lanes = [.. context.Lanes.Select(lane => new LaneBatch(lane))];
        _processor = new RecordProcessor(context);
        _writer = new BatchWriter(context);
        _timer = context.Time.CreateTimer(
            static state => ((PartitionWorker)state!).OnDeadline(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public ChannelWriter<WorkItem> Writer => _channel.Writer;

    public async Task RunAsync(CancellationToken abort)
    {
        var reader = _channel.Reader;
        try
        {
            do
            {
                while (reader.TryRead(out var item))
                {
                    await HandleAsync(item, abort).ConfigureAwait(false);
                    if (_deadlinePassed)
                    {
                        await FlushDueAsync(abort).ConfigureAwait(false);
                    }
                }

                if (_deadlinePassed)
                {
                    await FlushDueAsync(abort).ConfigureAwait(false);
                }
            }
            while (await reader.WaitToReadAsync(abort).ConfigureAwait(false));

            await FlushAllAsync(abort).ConfigureAwait(false);
        }
        finally
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs on the timer when the oldest open batch reaches its max wait. It only raises a flag and wakes the loop:
    /// one timer per partition, armed once per batch, keeps the hot path free of timer allocations.
    /// </summary>
    private void OnDeadline()
    {
        _deadlinePassed = true;

        // A full channel means the loop is busy and will see the flag after its current item.
        _channel.Writer.TryWrite(WorkItem.Tick());
    }

    /// <summary>Arms the timer for a batch that just opened, unless it is already armed for an earlier deadline.</summary>
    private void ArmFor(LaneBatch lane)
    {
        var due = lane.OpenedAt + (long)(lane.Options.MaxWait.TotalSeconds * _context.Time.TimestampFrequency);
        if (due < _armedUntil)
        {
            _armedUntil = due;
            _timer.Change(lane.Options.MaxWait, Timeout.InfiniteTimeSpan);
        }
    }

    private async ValueTask HandleAsync(WorkItem item, CancellationToken abort)
    {
        if (item.IsTick)
        {
            await FlushDueAsync(abort).ConfigureAwait(false);
            return;
        }

        if (item.IsFlush)
        {
            await FlushAllAsync(abort).ConfigureAwait(false);
            return;
        }

        if (item.Run.Completion.IsFaulted)
        {
            return;
        }

        var change = item.Change!;

        // A second version of an entity waiting in a batch: write the first and commit it before looking at
        // this one, so the checks below see committed state and the two versions cannot race.
        if (_pendingEntities.Contains(change.Entity))
        {
            await FlushAllAsync(abort).ConfigureAwait(false);
        }

        try
        {
            var pending = await _processor.ProcessAsync(item, abort).ConfigureAwait(false);
            if (pending is { } write)
            {
                var lane = _lanes[ClampLane(_context.Router.Route(write.Document, change))];
                lane.Items.Add(write);
                if (lane.Items.Count == 1)
                {
                    lane.OpenedAt = _context.Time.GetTimestamp();
                    ArmFor(lane);
                }

                _pendingEntities.Add(change.Entity);
                if (lane.IsFull)
                {
                    await FlushAsync(lane, abort).ConfigureAwait(false);
                }
            }
            else
            {
                await item.Run.CheckpointIfDueAsync(abort).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!abort.IsCancellationRequested)
        {
            item.Run.Fail(ex);
        }
    }

    private int ClampLane(int lane) => (uint)lane < (uint)_lanes.Length ? lane : 0;

    /// <summary>Writes every batch whose first record has waited its lane's max wait, then re-arms for the next.</summary>
    private async ValueTask FlushDueAsync(CancellationToken abort)
    {
        _deadlinePassed = false;
        _armedUntil = long.MaxValue;
        foreach (var lane in _lanes)
        {
            if (lane.Items.Count > 0 && _context.Time.GetElapsedTime(lane.OpenedAt) >= lane.Options.MaxWait)
            {
                await FlushAsync(lane, abort).ConfigureAwait(false);
            }
        }

        foreach (var lane in _lanes)
        {
            if (lane.Items.Count > 0)
            {
                var left = lane.Options.MaxWait - _context.Time.GetElapsedTime(lane.OpenedAt);
                var due = _context.Time.GetTimestamp() + (long)(Math.Max(0, left.TotalSeconds) * _context.Time.TimestampFrequency);
                if (due < _armedUntil)
                {
                    _armedUntil = due;
                    _timer.Change(left > TimeSpan.Zero ? left : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    private async ValueTask FlushAllAsync(CancellationToken abort)
    {
        foreach (var lane in _lanes)
        {
            await FlushAsync(lane, abort).ConfigureAwait(false);
        }
    }

    private async ValueTask FlushAsync(LaneBatch lane, CancellationToken abort)
    {
        if (lane.Items.Count == 0)
        {
            return;
        }

        try
        {
            await _writer.WriteAsync(Array.IndexOf(_lanes, lane), lane.Items, abort).ConfigureAwait(false);
        }
        catch (Exception ex) when (!abort.IsCancellationRequested)
        {
            // A store or target failure the writer could not classify: the records stay uncommitted, so the
            // checkpoint never passes them and a rerun delivers them again.
            foreach (var pending in lane.Items)
            {
                pending.Item.Run.Fail(ex);
            }
        }
        finally
        {
            foreach (var pending in lane.Items)
            {
                _pendingEntities.Remove(pending.Item.Change!.Entity);
            }

            lane.Items.Clear();
        }
    }
}
