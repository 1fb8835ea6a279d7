using AccountingSync.Conformance;

namespace AccountingSync.Samples.Tests;

/// <summary>
/// Each sample, run as a user runs it: a child process in an empty folder, on its generated data and on the real
/// export. A sample checks its own books and exits non-zero when its check fails; these tests hold it to that.
/// </summary>
public sealed class SampleRunTests : IDisposable
{
    private const string RealExport = "data/online_retail_prefix.csv";
    private readonly string _folder = Directory.CreateTempSubdirectory("sample-run-").FullName;

    [Fact]
    public async Task GettingStarted_GeneratedInvoices_PassesItsCheck()
    {
        var output = await RunAsync("GettingStarted", "--out", Path.Combine(_folder, "out"));

        Assert.Contains("Second run: read 0, written 0", output, StringComparison.Ordinal);
        Assert.Contains("Check passed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PollingSync_GeneratedDay_PassesItsCheck()
    {
        var output = await RunAsync("PollingSync");

        Assert.Contains("Poll 3 (restarted) : read 3 (3 in the listing window), written 0", output, StringComparison.Ordinal);
        Assert.Contains("Reconciliation: 150 expected, 150 in the books, 150 matched, 0 discrepancies: PASS", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "artifacts", "polling", "reconciliation.md")), "no report was written");
    }

    [Fact]
    public async Task PollingSync_RealExport_PassesItsCheck()
    {
        var output = await RunAsync("PollingSync", "--input", SharedData.Require(RealExport));

        // The clerk's amendment of invoice 536365 adds 15.30 to what the export alone books (257,180.69).
        Assert.Contains("Invoice       563 documents     257,195.99 GBP", output, StringComparison.Ordinal);
        Assert.Contains("633 matched, 0 discrepancies: PASS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookSync_GeneratedDay_PassesItsCheck()
    {
        var output = await RunAsync("WebhookSync");

        Assert.Contains("(signed with the wrong secret): 401 Unauthorized", output, StringComparison.Ordinal);
        Assert.Contains("requeued, 0 written", output, StringComparison.Ordinal);
        Assert.Contains("150 matched, 0 discrepancies: PASS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookSync_RealExport_PassesItsCheck()
    {
        var output = await RunAsync("WebhookSync", "--input", SharedData.Require(RealExport));

        Assert.Contains("Invoice       563 documents     257,180.69 GBP", output, StringComparison.Ordinal);
        Assert.Contains("CreditNote     70 documents       5,174.51 GBP", output, StringComparison.Ordinal);
        Assert.Contains("633 matched, 0 discrepancies: PASS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchSync_GeneratedExport_PassesItsCheck()
    {
        var output = await RunAsync("BatchSync");

        Assert.Contains("Run 1: stopped after 2 chunks", output, StringComparison.Ordinal);
        Assert.Contains("Run 3 (same id): 0 chunks sent, 0 written.", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "artifacts", "batch", "failures.csv")), "no row report was written");
    }

    [Fact]
    public async Task BatchSync_RealExport_PassesItsCheck()
    {
        var output = await RunAsync("BatchSync", "--input", SharedData.Require(RealExport));

        Assert.Contains("rows read 14594, loaded 14213, failed 0, skipped 123, duplicates 258", output, StringComparison.Ordinal);
        Assert.Contains("633 matched, 0 discrepancies: PASS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HybridSync_GeneratedDay_PassesItsCheck()
    {
        var output = await RunAsync("HybridSync", "--out", Path.Combine(_folder, "out"));

        Assert.Contains(": PASS", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "out", "books.db")), "the books were not written where asked");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<string> RunAsync(string sample, params string[] arguments)
    {
        var (exitCode, output) = await SampleProcess.RunAsync(sample, _folder, arguments, TestContext.Current.CancellationToken);
        Assert.True(exitCode == 0, $"{sample} exited with {exitCode}. Output:\n{output}");
        Assert.Contains("Check passed", output, StringComparison.Ordinal);
        return output;
    }
}
