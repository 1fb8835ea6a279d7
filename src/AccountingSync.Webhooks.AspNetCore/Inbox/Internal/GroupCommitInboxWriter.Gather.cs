using System.Threading.Channels;
using AccountingSync.Webhooks.Diagnostics;

namespace AccountingSync.Webhooks.Inbox.Internal;

/// <summary>The writer loop of <see cref="GroupCommitInboxWriter"/> and how it gathers each batch.</summary>
/// <remarks>
/// <para>
/// Under steady load the senders are mostly the same ones again: a provider or load tool that got its answer
/// sends its next delivery at once. Committing whatever is queued the moment a commit ends therefore splits
/// them in two: the few that queued during the commit go alone and pay a whole <c>fsync</c>, and the many just
/// answered queue behind it and wait for two. Measured with 64 connections on the SQLite inbox, batches
/// averaged 28 with a sixth of them under 8.
/// </para>
/// <para>
/// So, only while commits run back to back, the loop expects as many deliveries as the last commit answered
/// plus those that queued meanwhile, and waits for nine tenths of them before it commits — never longer than
/// half the last commit took, nor than <see cref="WebhookInboxOptions.MaxGatherDelay"/>. After an idle spell it
/// expects nothing and commits at once, so a lone delivery is never delayed; with a fast store (the in-memory
/// one) half a commit is microseconds and nothing is waited for either. This is the idea of PostgreSQL's
/// <c>commit_delay</c> with <c>commit_siblings</c>: wait only where there is evidence that others are coming.
/// </para>
/// </remarks>
internal sealed partial class GroupCommitInboxWriter
{
    private readonly ManualResetEventSlim _arrived = new(false);
    private int _gatherTarget;

    // The single-reader channel keeps no count, so the writer keeps its own.
    private int _queued;

    private static readonly TimeSpan RealTimeBound = TimeSpan.FromSeconds(1);
    private int _gathers;

    /// <summary>Gets how many deliveries the loop is waiting for; zero when it is not gathering.</summary>
    internal int GatherTarget => Volatile.Read(ref _gatherTarget);

    /// <summary>Gets how many times the loop has waited for expected deliveries.</summary>
    internal int Gathers => Volatile.Read(ref _gathers);

    private void Run()
    {
        try
        {
            var batch = new List<Pending>(_maxBatch);
            var reader = _queue.Reader;
            while (true)
            {
                // A place for the next batch first: with one place, this waits until the last batch is answered,
                // and what queued meanwhile is there to be gathered.
                _inFlight.Wait();

                // Those just answered are likely to send again at once, and those queued meanwhile are waiting:
                // together they are what the next batch can hold.
                var expected = Math.Min(_maxBatch, batch.Count + Volatile.Read(ref _queued));
                var ready = reader.WaitToReadAsync();
                if (!ready.IsCompletedSuccessfully)
                {
                    // Idle: whoever comes next is not part of a crowd already in flight.
                    expected = 0;
                }

                if (!Wait(ready))
                {
                    _inFlight.Release();
                    break;
                }

                Gather(reader, expected * 9 / 10, TimeSpan.FromTicks(Volatile.Read(ref _lastCommitTicks)) / 2);
                batch.Clear();
                while (batch.Count < _maxBatch && reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                Interlocked.Add(ref _queued, -batch.Count);
                Commit(batch);
            }
        }
        catch (Exception ex)
        {
            // Nothing should get here (Commit answers every failure); if something does, fail the waiters
            // rather than the process, so each request answers 503 and its provider retries.
            Log.InboxWriteFailed(_logger, ex, Volatile.Read(ref _queued));
            _queue.Writer.TryComplete();
            var stranded = new List<Pending>();
            while (_queue.Reader.TryRead(out var pending))
            {
                stranded.Add(pending);
            }

            Settlement.Post([.. stranded], sequences: null, ex);
        }
        finally
        {
            WaitForBatchesInFlight();
            _stopped.TrySetResult();
        }
    }

    /// <summary>Waits, within a bound, until at least <paramref name="target"/> deliveries are queued.</summary>
    private void Gather(ChannelReader<Pending> reader, int target, TimeSpan bound)
    {
        var window = bound < _maxGatherDelay ? bound : _maxGatherDelay;
        if (target <= 1 || window <= TimeSpan.Zero || Volatile.Read(ref _queued) >= target)
        {
            return;
        }

        _arrived.Reset();

        // A full fence between publishing the target and reading the count, matching the writers' increment
        // before they read the target: one side or the other sees the meeting.
        Interlocked.Exchange(ref _gatherTarget, target);

        // Checked again after publishing the target: a writer that queued just before saw no target to meet.
        if (Volatile.Read(ref _queued) < target && !reader.Completion.IsCompleted)
        {
            Interlocked.Increment(ref _gathers);
            using var timer = _time.CreateTimer(
                static state => ((ManualResetEventSlim)state!).Set(), _arrived, window, Timeout.InfiniteTimeSpan);

            // The window is on the injected clock; the real-time bound only matters for a clock that never moves
            // (a test's fake one), which must not be able to stall every delivery.
            _arrived.Wait(RealTimeBound);
        }

        Volatile.Write(ref _gatherTarget, 0);
    }

    /// <summary>Called by each writer after queueing: wakes a gathering loop once its target is met.</summary>
    private void NotifyArrival()
    {
        var queued = Interlocked.Increment(ref _queued);
        var target = Volatile.Read(ref _gatherTarget);
        if (target > 0 && queued >= target)
        {
            try
            {
                _arrived.Set();
            }
            catch (ObjectDisposedException)
            {
                // The writer stopped after this delivery was queued; it drains the queue before it stops.
            }
        }
    }
}
