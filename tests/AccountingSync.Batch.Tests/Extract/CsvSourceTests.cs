using System.Globalization;
using System.Text;
using AccountingSync.Batch.Extract;
using AccountingSync.Batch.Retail;
using AccountingSync.Model.Documents;

namespace AccountingSync.Batch.Tests.Extract;

public sealed class CsvSourceTests
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    [Fact]
    public async Task ReadAsync_Utf8WithAndWithoutBom_ReadsTheSameValues()
    {
        var text = Header + "536365,85123A,\"CAFÉ HEART, WHITE\",6,12/1/10 8:26,2.55,17850,United Kingdom\n";
        var withBom = await ReadAllAsync(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(), new());
        var withoutBom = await ReadAllAsync(Encoding.UTF8.GetBytes(text), new());

        Assert.Equal("CAFÉ HEART, WHITE", withBom[0]["Description"]);
        Assert.Equal("536365", withBom[0]["InvoiceNo"]);
        Assert.Equal(withBom[0].Values, withoutBom[0].Values);
    }

    [Fact]
    public async Task ReadAsync_Windows1252_DecodesPoundAndAccents()
    {
        var text = Header + "536365,85123A,CRÈME JAR £5,6,12/1/10 8:26,2.55,17850,United Kingdom\n";
        var bytes = TextEncodings.Windows1252.GetBytes(text);
        Assert.Contains((byte)0xA3, bytes); // '£' is one byte in Windows-1252, two in UTF-8
        Assert.DoesNotContain((byte)0xC2, bytes);

        var rows = await ReadAllAsync(bytes, new CsvSourceOptions { Encoding = TextEncodings.Windows1252 });

        Assert.Equal("CRÈME JAR £5", rows[0]["Description"]);
    }

    [Fact]
    public async Task ReadAsync_SemicolonAndDecimalComma_MapsExactAmounts()
    {
        var text = "InvoiceNo;StockCode;Description;Quantity;InvoiceDate;UnitPrice;CustomerID;Country\n"
            + "536365;85123A;\"LANTERN; WHITE\";144;12/1/10 8:26;0,42;17850;United Kingdom\n";
        var culture = CultureInfo.GetCultureInfo("de-DE");
        var rows = await ReadAllAsync(
            Encoding.UTF8.GetBytes(text), new CsvSourceOptions { Separator = ';', Culture = culture });
        var mapper = new OnlineRetailMapper();

        var outcome = mapper.MapRow(rows[0]);
        Assert.True(outcome.IsStaged, string.Join("; ", outcome.Failures.Select(f => f.Message)));
        var document = (Invoice)mapper.BuildDocument("536365", [new(1, outcome.Payload!)]).Document!;

        Assert.Equal(0.42m, document.Lines[0].UnitPrice);
        Assert.Equal(60.48m, document.Lines[0].Net);
    }

    [Fact]
    public async Task ReadAsync_ShortRow_GivesNullForMissingFields()
    {
        var rows = await ReadAllAsync(Encoding.UTF8.GetBytes(Header + "536365,85123A\n"), new());

        Assert.Null(rows[0]["Quantity"]);
        Assert.Equal(1, rows[0].RowNumber);
    }

    private static async Task<List<SourceRow>> ReadAllAsync(byte[] bytes, CsvSourceOptions options)
    {
        var source = new CsvSource("test.csv", () => new MemoryStream(bytes), options);
        var rows = new List<SourceRow>();
        await foreach (var row in source.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}
