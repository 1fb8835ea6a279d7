using AccountingSync.Connectors;
using AccountingSync.Model;
using AccountingSync.Targets.Ledger.Mapping;

namespace AccountingSync.Targets.Ledger.Internal;

/// <summary>
/// The write rules every ledger target shares, applied inside one storage transaction per bulk call:
/// a key seen before answers with the first write's id; an older version never replaces a newer one; a newer
/// version, a delete or a void takes back what the ledger holds for the entity.
/// </summary>
internal static class LedgerWriteLoop
{
    public static async ValueTask WriteAsync(
        PostingMapper mapper,
        ILedgerSession session,
        ReadOnlyMemory<TargetWrite> writes,
        Memory<TargetWriteResult> results,
        CancellationToken cancellationToken)
    {
        if (results.Length != writes.Length)
        {
            throw new ArgumentException("There must be exactly one result slot per write.", nameof(results));
        }

        for (var i = 0; i < writes.Length; i++)
        {
            var result = await WriteOneAsync(mapper, session, writes.Span[i], cancellationToken).ConfigureAwait(false);
            results.Span[i] = result;
        }

        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<TargetWriteResult> WriteOneAsync(
        PostingMapper mapper, ILedgerSession session, TargetWrite write, CancellationToken cancellationToken)
    {
        LedgerEntry entry;
        try
        {
            entry = mapper.Map(write);
        }
        catch (PostingException ex)
        {
            return TargetWriteResult.Failed(ErrorClass.Validation, ex.Message);
        }

        if (await session.FindByKeyAsync(entry.Key, cancellationToken).ConfigureAwait(false) is { } firstId)
        {
            return TargetWriteResult.AlreadyApplied(firstId);
        }

        var current = await session.FindCurrentAsync(entry.Source, cancellationToken).ConfigureAwait(false);
        if (current is not null && entry.Version.CompareTo(current.Version) == VersionOrder.Older)
        {
            // The ledger already holds a newer state of the entity; applying this one would turn the books back.
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
            return TargetWriteResult.Failed(ErrorClass.Validation, ex.Message);
        }
    }
}
