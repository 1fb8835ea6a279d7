using System.Globalization;
using AccountingSync.Connectors;
using AccountingSync.Model;
using AccountingSync.Model.Documents;

namespace AccountingSync.Reconciliation;

/// <summary>Summarising documents and comparing one entity.</summary>
public sealed partial class Reconciler
{
    private Summary Summarise(AccountingDocument document) => document switch
    {
        SalesDocument sale => new(sale.Source, sale.Kind, sale.Date,
            sale.DeclaredTotal ?? sale.ComputeTotals(_options.Rounding).Total),
        Payment payment => new(payment.Source, payment.Kind, payment.Date, payment.Amount),
        JournalEntry journal => new(journal.Source, journal.Kind, journal.Date, journal.TotalDebit),
        _ => new(document.Source, document.Kind, null, null),
    };

    private bool Compare(Summary expected, TargetRecord actual, List<Discrepancy> discrepancies)
    {
        var before = discrepancies.Count;
        if (expected.Kind != actual.Kind)
        {
            discrepancies.Add(new(DiscrepancyKind.KindMismatch, expected.Source, expected.Kind.ToString(),
                actual.Kind.ToString(), actual.TargetId));
        }

        if (expected.Total is { } want && actual.Total is { } have)
        {
            if (want.Currency != have.Currency)
            {
                discrepancies.Add(new(DiscrepancyKind.CurrencyMismatch, expected.Source, want.Currency.Code,
                    have.Currency.Code, actual.TargetId));
            }
            else if (Math.Abs(want.Amount - have.Amount) > _options.Tolerance)
            {
                discrepancies.Add(new(DiscrepancyKind.AmountMismatch, expected.Source, Describe(want), Describe(have),
                    actual.TargetId));
            }
        }
        else if (expected.Total.HasValue != actual.Total.HasValue)
        {
            discrepancies.Add(new(DiscrepancyKind.AmountMismatch, expected.Source, Describe(expected.Total),
                Describe(actual.Total), actual.TargetId));
        }

        if (_options.CompareDates && expected.Date is { } date && actual.Date is { } held && date != held)
        {
            discrepancies.Add(new(DiscrepancyKind.DateMismatch, expected.Source, Iso(date), Iso(held), actual.TargetId));
        }

        return discrepancies.Count == before;
    }

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Describe(Money? money) => money is { } m
        ? string.Create(CultureInfo.InvariantCulture, $"{m.Amount:0.00####} {m.Currency.Code}")
        : null;

    internal sealed record Summary(SourceIdentity Source, DocumentKind Kind, DateOnly? Date, Money? Total);
}
