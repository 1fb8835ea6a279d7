using System.Globalization;
using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Mapping;
using AccountingSync.Batch.Retail;
using AccountingSync.Model.Documents;

namespace AccountingSync.Batch.Tests.Retail;

public sealed class OnlineRetailMapperTests
{
    private static readonly string[] Columns =
        ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"];

    private static readonly Dictionary<string, int> Index = Columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);

    private readonly OnlineRetailMapper _mapper = new();

    [Theory]
    [InlineData("", "85123A", "6", "12/1/10 8:26", "2.55", "required", "InvoiceNo")]
    [InlineData("53636X", "85123A", "6", "12/1/10 8:26", "2.55", "invoice-number", "InvoiceNo")]
    [InlineData("536365", "85123A", "six", "12/1/10 8:26", "2.55", "quantity-format", "Quantity")]
    [InlineData("536365", "85123A", "0", "12/1/10 8:26", "2.55", "quantity-zero", "Quantity")]
    [InlineData("C536365", "85123A", "6", "12/1/10 8:26", "2.55", "credit-sign", "Quantity")]
    [InlineData("536365", "85123A", "6", "12/1/10 8:26", "2,55x", "price-format", "UnitPrice")]
    [InlineData("536365", "85123A", "6", "12/1/10 8:26", "-2.55", "price-negative", "UnitPrice")]
    [InlineData("536365", "85123A", "6", "2010-12-01 08:26", "2.55", "date-format", "InvoiceDate")]
    [InlineData("536365", "85123A", "6", "3/27/11 1:30", "2.55", "date-local-gap", "InvoiceDate")]
    public void MapRow_BrokenRule_FailsNamingRowColumnValueAndRule(
        string invoice, string stock, string quantity, string date, string price, string rule, string column)
    {
        var outcome = _mapper.MapRow(Row(7, invoice, stock, "X", quantity, date, price, "17850", "United Kingdom"));

        var failure = Assert.Single(outcome.Failures);
        Assert.False(outcome.IsStaged);
        Assert.Equal((7L, rule, column, RowDisposition.Failed), (failure.RowNumber, failure.Rule, failure.Column, failure.Disposition));
    }

    [Theory]
    [InlineData("536414", "-56", "0", "stock-adjustment")]
    [InlineData("536414", "3", "0", "zero-price")]
    public void MapRow_RowARuleLeavesOut_IsSkippedWithAReportLine(string invoice, string quantity, string price, string rule)
    {
        var outcome = _mapper.MapRow(Row(3, invoice, "22139", "", quantity, "12/1/10 11:52", price, "", "United Kingdom"));

        var skip = Assert.Single(outcome.Failures);
        Assert.Equal((rule, RowDisposition.Skipped), (skip.Rule, skip.Disposition));
    }

    [Fact]
    public void BuildDocument_Cancellation_IsACreditNoteWithPositiveQuantitiesAndGlCodes()
    {
        var lines = new[]
        {
            Row(1, "C536379", "D", " Discount ", "-1", "12/1/10 9:41", "27.50", "14527", "United Kingdom"),
            Row(2, "C536379", "22556", "PLASTERS IN TIN", "-12", "12/1/10 9:41", "1.65", "14527", "United Kingdom"),
        }.Select(r => new StagedRow(r.RowNumber, _mapper.MapRow(r).Payload!)).ToList();

        var note = Assert.IsType<CreditNote>(_mapper.BuildDocument("C536379", lines).Document);

        var discount = note.Lines[0];
        Assert.Equal(("4010", (string?)null, 1m, "Discount"), (discount.AccountCode, discount.ItemCode,
            discount.Quantity, discount.Description));
        Assert.Equal(("22556", 12m), (note.Lines[1].ItemCode, note.Lines[1].Quantity));
        Assert.Equal(47.30m, note.ComputeTotals().Total.Amount);
        Assert.Equal(new DateOnly(2010, 12, 1), note.Date);
    }

    [Fact]
    public void BuildDocument_NoCustomerAndLateEveningInSummer_WalkInCustomerOnTheLocalDate()
    {
        // 23:30 in London on 1 July is 22:30 UTC: the local date is the document's date.
        var row = Row(1, "600001", "POST", "POSTAGE", "1", "7/1/11 23:30", "18.00", "  ", "United Kingdom");
        var outcome = _mapper.MapRow(row);

        var invoice = Assert.IsType<Invoice>(_mapper.BuildDocument("600001", [new(1, outcome.Payload!)]).Document);

        Assert.Equal("walk-in", invoice.CustomerRef);
        Assert.Equal(new DateOnly(2011, 7, 1), invoice.Date);
        Assert.Equal("4100", invoice.Lines[0].AccountCode);
    }

    [Fact]
    public void BuildDocument_LinesNamingTwoCustomers_FailsEveryLineOfTheInvoice()
    {
        var rows = new[]
        {
            Row(1, "536365", "85123A", "A", "6", "12/1/10 8:26", "2.55", "17850", "United Kingdom"),
            Row(2, "536365", "71053", "B", "6", "12/1/10 8:26", "3.39", "13047", "United Kingdom"),
        }.Select(r => new StagedRow(r.RowNumber, _mapper.MapRow(r).Payload!)).ToList();

        var outcome = _mapper.BuildDocument("536365", rows);

        Assert.Null(outcome.Document);
        Assert.Equal([1L, 2L], outcome.Failures.Select(f => f.RowNumber));
        Assert.All(outcome.Failures, f => Assert.Equal("invoice-inconsistent", f.Rule));
    }

    private static SourceRow Row(long number, params string[] values) =>
        new(number, Index, values, CultureInfo.InvariantCulture);
}
