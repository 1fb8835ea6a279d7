using System.Globalization;
using System.Runtime.CompilerServices;
using AccountingSync.Connectors;
using AccountingSync.Model;
using AccountingSync.Model.Documents;

namespace AccountingSync.Benchmarks.Pipeline;

/// <summary>Pre-built changes whose payload is already the document, so mapping is the identity.</summary>
internal static class BenchmarkRecords
{
    public static SourceChange[] Create(int count)
    {
        var changes = new SourceChange[count];
        for (var i = 0; i < count; i++)
        {
            var id = i.ToString("D8", CultureInfo.InvariantCulture);
            var entity = new SourceIdentity("bench", "invoice", id);
            var version = SourceVersion.FromSequence(1);
            var invoice = new Invoice
            {
                Source = entity,
                Version = version,
                Number = "INV-" + id,
                Currency = Currency.Gbp,
                Lines = [new SalesLine { Quantity = 2, UnitPrice = 9.99m, TaxRate = 0.2m }],
            };
            changes[i] = new SourceChange
            {
                Entity = entity, Version = version, EventId = "evt-" + id, Payload = invoice, Cursor = id,
            };
        }

        return changes;
    }
}

/// <summary>Streams the pre-built changes.</summary>
internal sealed class ArraySource(SourceChange[] changes) : ISourceConnector
{
    public string Name => "bench";

    public SourceCapabilities Capabilities { get; } = new(SourceFeatures.FullExport);

#pragma warning disable CS1998 // The enumeration is synchronous on purpose: it costs the pipeline nothing.
    public async IAsyncEnumerable<SourceChange> ReadChangesAsync(
        string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
#pragma warning restore CS1998
    {
        foreach (var change in changes)
        {
            yield return change;
        }
    }
}

/// <summary>The identity mapping: the payload already is the document.</summary>
internal sealed class IdentityMapper : IRecordMapper
{
    public MappingResult Map(SourceChange change) => MappingResult.Mapped((AccountingDocument)change.Payload!);
}

/// <summary>A target that accepts everything at once and allocates nothing.</summary>
internal sealed class NoOpTarget : ITargetConnector
{
    private static readonly TargetWriteResult Ok = TargetWriteResult.Written("T");

    public string Name => "noop";

    public TargetCapabilities Capabilities { get; } = new() { MaxBulkSize = 100 };

    public ValueTask<TargetWriteResult> WriteAsync(TargetWrite write, CancellationToken cancellationToken) => ValueTask.FromResult(Ok);

    public ValueTask WriteBulkAsync(
        ReadOnlyMemory<TargetWrite> writes, Memory<TargetWriteResult> results, CancellationToken cancellationToken)
    {
        results.Span.Fill(Ok);
        return ValueTask.CompletedTask;
    }
}
