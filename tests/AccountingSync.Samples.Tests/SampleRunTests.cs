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

        Printed(output, "Second run: read 0, written 0");
        Printed(output, "Check passed");
    }

    [Fact]
    public async Task PollingSync_GeneratedDay_PassesItsCheck()
    {
        var output = await RunAsync("PollingSync");

        Printed(output, "Poll 3 (restarted) : read 3 (3 in the listing window), written 0");
        Printed(output, "150 expected, 150 in the books, 150 matched, 0 discrepancies: PASS");
        var report = Path.Combine(_folder, "artifacts", "polling", "reconciliation.md");
        Assert.True(File.Exists(report), "no report was written");
    }

    [Fact]
    public async Task PollingSync_RealExport_PassesItsCheck()
    {
        var output = await RunAsync("PollingSync", "--input", SharedData.Require(RealExport));

        // The clerk's amendment of invoice 536365 adds 15.30 to what the export alone books (257,180.69).
        Printed(output, "Invoice       563 documents     257,195.99 GBP");
        Printed(output, "633 matched, 0 discrepancies: PASS");
    }

    [Fact]
    public async Task WebhookSync_GeneratedDay_PassesItsCheck()
    {
        var output = await RunAsync("WebhookSync");

        Printed(output, "(signed with the wrong secret): 401 Unauthorized");
        Printed(output, "requeued, 0 written");
        Printed(output, "150 matched, 0 discrepancies: PASS");
    }

    [Fact]
    public async Task WebhookSync_RealExport_PassesItsCheck()
    {
        var output = await RunAsync("WebhookSync", "--input", SharedData.Require(RealExport));

        Printed(output, "Invoice       563 documents     257,180.69 GBP");
        Printed(output, "CreditNote     70 documents       5,174.51 GBP");
        Printed(output, "633 matched, 0 discrepancies: PASS");
    }

    [Fact]
    public async Task BatchSync_GeneratedExport_PassesItsCheck()
    {
        var output = await RunAsync("BatchSync");

        Printed(output, "Run 1: stopped after 2 chunks");
        Printed(output, "Run 3 (same id): 0 chunks sent, 0 written.");
        Assert.True(File.Exists(Path.Combine(_folder, "artifacts", "batch", "failures.csv")), "no row report was written");
    }

    [Fact]
    public async Task BatchSync_RealExport_PassesItsCheck()
    {
        var output = await RunAsync("BatchSync", "--input", SharedData.Require(RealExport));

        Printed(output, "rows read 14594, loaded 14213, failed 0, skipped 123, duplicates 258");
        Printed(output, "633 matched, 0 discrepancies: PASS");
    }

    [Theory]
    [InlineData("PollingSync")]
    [InlineData("WebhookSync")]
    [InlineData("BatchSync")]
    public async Task Sample_MissingExport_ExitsTwoNamingTheFile(string sample)
    {
        var missing = Path.Combine(_folder, "no-such-export.csv");

        var (exitCode, output) = await SampleProcess.RunAsync(
            sample, _folder, ["--input", missing], TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Printed(output, $"The export {missing} does not exist.");
    }

    [Fact]
    public async Task HybridSync_GeneratedDay_PassesItsCheck()
    {
        var output = await RunAsync("HybridSync", "--out", Path.Combine(_folder, "out"));

        Printed(output, ": PASS");
        Assert.True(File.Exists(Path.Combine(_folder, "out", "books.db")), "the books were not written where asked");
    }

    private static void Printed(string output, string text) => Assert.Contains(text, output, StringComparison.Ordinal);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<string> RunAsync(string sample, params string[] arguments)
    {
        var (exitCode, output) = await SampleProcess.RunAsync(
            sample, _folder, arguments, TestContext.Current.CancellationToken);
        Assert.True(exitCode == 0, $"{sample} exited with {exitCode}. Output:\n{output}");
        Printed(output, "Check passed");
        return output;
    }
}
