using AccountingSync.Model;
using AccountingSync.Model.Documents;

namespace AccountingSync.Tests.Model;

public sealed class SalesDocumentTests
{
    private static Invoice Invoice(params SalesLine[] lines) => new()
    {
        Source = new SourceIdentity("pos", "invoice", "1"),
        Number = "INV-1",
        Currency = Currency.Gbp,
        Lines = lines,
    };

    [Fact]
    public void ComputeTotals_TaxPerLine_RoundsEachLineBeforeSumming()
    {
        // Each line's tax is 0.125 → 0.13; three lines → 0.39. Rounded once over the document: 0.375 → 0.38.
        var invoice = Invoice(
            new SalesLine { UnitPrice = 0.625m, TaxRate = 0.2m },
            new SalesLine { UnitPrice = 0.625m, TaxRate = 0.2m },
            new SalesLine { UnitPrice = 0.625m, TaxRate = 0.2m });

        var perLine = invoice.ComputeTotals(RoundingPolicy.Default);
        var perDocument = invoice.ComputeTotals(new RoundingPolicy(MidpointRounding.AwayFromZero, TaxRounding.PerDocument));

        Assert.Equal(1.89m, perLine.Subtotal.Amount); // each net 0.625 → 0.63
        Assert.Equal(0.39m, perLine.Tax.Amount);
        Assert.Equal(2.28m, perLine.Total.Amount);
        Assert.Equal(0.38m, perDocument.Tax.Amount);
    }

    [Fact]
    public void ComputeTotals_DiscountAndQuantity_AreAppliedBeforeTax()
    {
        var invoice = Invoice(new SalesLine { Quantity = 144m, UnitPrice = 0.42m, Discount = 0.48m, TaxRate = 0.2m });

        var totals = invoice.ComputeTotals();

        Assert.Equal(60.00m, totals.Subtotal.Amount);
        Assert.Equal(12.00m, totals.Tax.Amount);
        Assert.Equal(72.00m, totals.Total.Amount);
        Assert.Equal(Currency.Gbp, totals.Total.Currency);
    }

    [Fact]
    public void JournalEntry_Totals_SumDebitsAndCredits()
    {
        var journal = new JournalEntry
        {
            Source = new SourceIdentity("ops", "journal", "j1"),
            Currency = Currency.Eur,
            Lines =
            [
                new JournalLine { AccountCode = "1200", Debit = 100m },
                new JournalLine { AccountCode = "4000", Credit = 83.33m },
                new JournalLine { AccountCode = "2200", Credit = 16.67m },
            ],
        };

        Assert.Equal(new Money(100m, Currency.Eur), journal.TotalDebit);
        Assert.Equal(journal.TotalDebit, journal.TotalCredit);
    }
}
