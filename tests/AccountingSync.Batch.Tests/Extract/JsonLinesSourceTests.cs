using System.Text;
using AccountingSync.Batch.Extract;

namespace AccountingSync.Batch.Tests.Extract;

public sealed class JsonLinesSourceTests
{
    [Fact]
    public async Task ReadAsync_ObjectsAndABrokenLine_KeepsNumbersExactAndFlagsTheBrokenRow()
    {
        var text = "\uFEFF{\"InvoiceNo\":\"536365\",\"UnitPrice\":0.42,\"CustomerID\":null}\n"
            + "{not json\n"
            + "\n"
            + "{\"InvoiceNo\":\"536366\",\"UnitPrice\":1.85,\"CustomerID\":\"17850\"}\n";
        var source = new JsonLinesSource("t.jsonl", () => new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var rows = new List<SourceRow>();
        await foreach (var row in source.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        Assert.Equal(3, rows.Count);
        Assert.Equal("0.42", rows[0]["UnitPrice"]);
        Assert.Null(rows[0]["CustomerID"]);
        Assert.NotNull(rows[1].Error);
        Assert.Equal(2, rows[1].RowNumber);
        Assert.Equal(4, rows[2].RowNumber);
        Assert.Equal("17850", rows[2]["CustomerID"]);
    }
}
