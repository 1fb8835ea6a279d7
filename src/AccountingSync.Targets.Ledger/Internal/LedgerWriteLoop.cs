using AccountingSync.Connectors;
using AccountingSync.Model;
using AccountingSync.Targets.Ledger.Mapping;
using Microsoft.Extensions.Logging;

namespace AccountingSync.Targets.Ledger.Internal;

/// <summary>
/// The write rules every ledger target shares, applied inside one storage transaction per bulk call:
/// a key seen before answers with the first write's id; an older version never replaces a newer one; a newer
/// version, a delete or a void takes back what the ledger holds for the entity.
/// </summary>
internal static class LedgerWriteLoop
{
    public static async ValueTask WriteAsync(
        LedgerTargetContext context,
        ILedgerSession session,
        ReadOnlyMemory<TargetWrite> writes,
        Memory<TargetWriteResult> results,
        CancellationToken cancellationToken)
    {
        if (results.Length != writes.Length)
        {
            throw new ArgumentException("There must be exactly one result slot per write.", nameof(results));
        }

        // Map everything first so the session can look up every key and entity of the call in a few queries.
        var entries = new LedgerEntry?[writes.Length];
        for (var i = 0; i < writes.Length; i++)
        {
            var write = writes.Span[i];
            try
            {
                entries[i] = context.Mapper.Map(write);
            }
            catch (PostingException ex)
            {
                results.Span[i] = Refuse(context, write.Document?.Source.ToString() ?? "a write without document", ex);
            }
        }

        await session.PrefetchAsync(entries.OfType<LedgerEntry>().ToList(), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < writes.Length; i++)
        {
            if (entries[i] is { } entry)
            {
                var result = await WriteOneAsync(context, session, entry, cancellationToken).ConfigureAwait(false);
                results.Span[i] = result;
            }
        }

        await session.CommitAsync(cancellationToken).ConfigureAwait(false);

        // Outcomes count only once they are durable: a failed commit throws before this point.
        for (var i = 0; i < results.Length; i++)
        {
            LedgerMetrics.Record(context.Name, results.Span[i].Status switch
            {
                WriteStatus.Written => LedgerMetrics.Written,
                WriteStatus.AlreadyApplied => LedgerMetrics.AlreadyApplied,
                _ => LedgerMetrics.Refused,
            });
        }
    }

    private static async ValueTask<TargetWriteResult> WriteOneAsync(
        LedgerTargetContext context, ILedgerSession session, LedgerEntry entry, CancellationToken cancellationToken)
    {
        if (await session.FindByKeyAsync(entry.Key, cancellationToken).ConfigureAwait(false) is { } firstId)
        {
            return TargetWriteResult.AlreadyApplied(firstId);
        }

        var current = await session.FindCurrentAsync(entry.Source, cancellationToken).ConfigureAwait(false);
        if (current is not null && entry.Version.CompareTo(current.Version) == VersionOrder.Older)
        {
            // The ledger already holds a newer state of the entity; applying this one would turn the books back.
            Log.StaleVersionIgnored(context.Logger, context.Name, entry.Source.ToString(), entry.Version.ToString());
            return TargetWriteResult.AlreadyApplied(current.TargetId);
        }

        try
        {
            var id = await session.ApplyAsync(entry, current, cancellationToken).ConfigureAwait(false);
            return TargetWriteResult.Written(id);
        }
        catch (PostingException ex)
        {
            // Sessions refuse before they write anything, so the rest of the batch can go on.
            return Refuse(context, entry.Source.ToString(), ex);
        }
    }

    private static TargetWriteResult Refuse(LedgerTargetContext context, string entity, PostingException ex)
    {
        Log.DocumentRefused(context.Logger, context.Name, entity, ex.Message);
        return TargetWriteResult.Failed(ErrorClass.Validation, ex.Message);
    }
}
