using System.Collections.Concurrent;
using System.Globalization;
using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Model.Documents;

namespace GettingStarted;

/// <summary>
/// A stand-in accounting system that keeps invoices in memory and honours idempotency keys the way a real
/// API's request id does: a repeated key is answered with the first write's id.
/// </summary>
internal sealed class InMemoryBooks : TargetConnector
{
    private readonly ConcurrentDictionary<IdempotencyKey, string> _applied = new();
    private int _nextId;

    public override string Name => "books";

    public override TargetCapabilities Capabilities { get; } = new() { MaxBulkSize = 30 };

    public ConcurrentDictionary<SourceIdentity, Invoice> Invoices { get; } = new();

    public int WriteCalls;

    public override ValueTask<TargetWriteResult> WriteAsync(TargetWrite write, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref WriteCalls);
        if (_applied.TryGetValue(write.Key, out var existing))
        {
            return ValueTask.FromResult(TargetWriteResult.AlreadyApplied(existing));
        }

        var invoice = (Invoice)write.Document;
        var id = "BK-" + Interlocked.Increment(ref _nextId).ToString("D6", CultureInfo.InvariantCulture);
        Invoices[invoice.Source] = invoice;
        _applied[write.Key] = id;
        return ValueTask.FromResult(TargetWriteResult.Written(id));
    }
}
