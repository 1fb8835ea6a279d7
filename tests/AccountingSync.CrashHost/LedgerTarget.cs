using AccountingSync.Connectors;
using AccountingSync.Model.Documents;

namespace AccountingSync.CrashHost;

/// <summary>
/// An idempotent target whose books live in the same database as the stores: a ledger table with the
/// idempotency key as primary key, so a write that survives a kill is found (and answered "already applied")
/// on the rerun. Each bulk call is one transaction; progress is reported on standard output after it commits,
/// which is what the crash test times its kills by.
/// </summary>
public abstract class LedgerTarget : ITargetConnector
{
    private long _written;

    public string Name => "ledger";

    public TargetCapabilities Capabilities { get; } = new() { MaxBulkSize = 10 };

    public async ValueTask<TargetWriteResult> WriteAsync(TargetWrite write, CancellationToken cancellationToken)
    {
        var results = new TargetWriteResult[1];
        await WriteBulkAsync(new[] { write }, results, cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    public async ValueTask WriteBulkAsync(
        ReadOnlyMemory<TargetWrite> writes, Memory<TargetWriteResult> results, CancellationToken cancellationToken)
    {
        var rows = new LedgerRow[writes.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var write = writes.Span[i];
            var contact = (Contact)write.Document;
            rows[i] = new LedgerRow(write.Key.ToString(), contact.Source.Id, contact.Name, contact.Version.Ordinal);
        }

        var inserted = await InsertAsync(rows, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < rows.Length; i++)
        {
            var id = "L-" + rows[i].Key;
            results.Span[i] = inserted[i] ? TargetWriteResult.Written(id) : TargetWriteResult.AlreadyApplied(id);
        }

        var total = Interlocked.Add(ref _written, rows.Length);
        Console.Out.WriteLine($"progress {total}");
    }

    /// <summary>Inserts rows in one transaction; tells per row whether it was new.</summary>
    protected abstract Task<bool[]> InsertAsync(LedgerRow[] rows, CancellationToken cancellationToken);
}
