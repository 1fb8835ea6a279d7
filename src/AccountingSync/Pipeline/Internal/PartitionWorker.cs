using System.Threading.Channels;
using AccountingSync.Model;

namespace AccountingSync.Pipeline.Internal;

/// <summary>
/// One partition of the pipeline: reads its channel in order and runs every stage for its records, so records
/// of one entity are handled strictly in order while other partitions run in parallel.
/// </summary>
/// <remarks>
/// The stages live in <see cref="RecordProcessor"/> (dedup, map, validate, route) and <see cref="BatchWriter"/>
/// (write, retry, commit); this class owns the loop, the batches and the max-wait clock.
/// </remarks>
internal sealed class PartitionWorker
{
    private readonly PipelineContext _context;
    private readonly Channel<WorkItem> _channel;
    private readonly LaneBatch[] _lanes;
    private readonly HashSet<SourceIdentity> _pendingEntities = [];
    private readonly RecordProcessor _processor;
    private readonly BatchWriter _writer;
    private Task<bool>? _outstandingWait;

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
    }

    public ChannelWriter<WorkItem> Writer => _channel.Writer;

    public async Task RunAsync(CancellationToken abort)
    {
        var reader = _channel.Reader;
        while (true)
        {
            while (reader.TryRead(out var item))
            {
                await HandleAsync(item, abort).ConfigureAwait(false);
            }

            if (!await WaitForWorkAsync(reader, abort).ConfigureAwait(false))
            {
                break;
            }
        }

        await FlushAllAsync(abort).ConfigureAwait(false);
    }

    /// <summary>Waits for the next item, flushing batches whose max wait runs out meanwhile.</summary>
    /// <returns><see langword="false"/> once the channel is completed and empty.</returns>
    private async ValueTask<bool> WaitForWorkAsync(ChannelReader<WorkItem> reader, CancellationToken abort)
    {
        while (true)
        {
            var wait = _outstandingWait ??= reader.WaitToReadAsync(abort).AsTask();
            var deadline = TimeUntilNextDeadline();
            if (deadline is null || wait.IsCompleted)
            {
                _outstandingWait = null;
                return await wait.ConfigureAwait(false);
            }

            if (deadline > TimeSpan.Zero)
            {
                using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(abort);
                var delay = Task.Delay(deadline.Value, _context.Time, delayCancellation.Token);
                await Task.WhenAny(wait, delay).ConfigureAwait(false);
                await delayCancellation.CancelAsync().ConfigureAwait(false);
                abort.ThrowIfCancellationRequested();
                if (wait.IsCompleted)
                {
                    continue;
                }
            }

            await FlushDueAsync(abort).ConfigureAwait(false);
        }
    }

    private async ValueTask HandleAsync(WorkItem item, CancellationToken abort)
    {
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
                if (lane.Items.Count == 0)
                {
                    lane.OpenedAt = _context.Time.GetTimestamp();
                }

                lane.Items.Add(write);
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

    private TimeSpan? TimeUntilNextDeadline()
    {
        TimeSpan? next = null;
        foreach (var lane in _lanes)
        {
            if (lane.Items.Count > 0)
            {
                var left = lane.Options.MaxWait - _context.Time.GetElapsedTime(lane.OpenedAt);
                next = next is null || left < next ? left : next;
            }
        }

        return next;
    }

    private async ValueTask FlushDueAsync(CancellationToken abort)
    {
        foreach (var lane in _lanes)
        {
            if (lane.Items.Count > 0 && _context.Time.GetElapsedTime(lane.OpenedAt) >= lane.Options.MaxWait)
            {
                await FlushAsync(lane, abort).ConfigureAwait(false);
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
            await _writer.WriteAsync(lane.Options.Name, lane.Items, abort).ConfigureAwait(false);
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
