using AccountingSync.Conformance;
using HybridSync;
using SimulatedStore;

namespace AccountingSync.Samples.Tests;

/// <summary>The main job's whole day on the real export, with every lane's faults turned up.</summary>
public sealed class HybridScenarioTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hybrid-e2e-").FullName;

    [Fact]
    public async Task RunAsync_RealExportWithDroppedWebhooksDuplicatesAnd5xxAnd429_ReconcilesClean()
    {
        var export = SharedData.Require("data/online_retail_prefix.csv");
        var options = new ScenarioOptions
        {
            InputFile = export,
            OutputDirectory = _folder,
            Webhooks = new WebhookFaults { DropRate = 0.08, RetryRate = 0.2, EchoRate = 0.1, ReorderWindow = 16, Seed = 11 },
            TargetFaultRate = 0.15,
            OutageInvoices = 5,
            ApiThrottleEvery = 2,
        };

        using var log = new StringWriter();
        ScenarioOutcome outcome;
        try
        {
            outcome = await HybridScenario.RunAsync(options, log, TestContext.Current.CancellationToken);
        }
        finally
        {
            TestContext.Current.TestOutputHelper?.WriteLine(log.ToString());
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"poll {outcome.Poll}; on demand {outcome.OnDemand.Run}; faults {outcome.TargetFaults}; api 429 {outcome.ApiThrottled}; "
            + $"dead letters {outcome.DeadLettersBeforeNight} → {outcome.DeadLettersLeft}");

        // The books hold exactly what the batch loader books from the same file: 563 invoices and 70 credit notes.
        Assert.Equal((563, 257_180.69m), outcome.Books["Invoice"]);
        Assert.Equal((70, 5_174.51m), outcome.Books["CreditNote"]);
        Assert.Equal(14_594, outcome.Rows);

        // Every lane had something to do, and every fault was met.
        var dropped = outcome.Webhooks.Sum(w => w.Dropped.Count);
        Assert.True(dropped > 20, $"only {dropped} webhooks were dropped");
        Assert.True(outcome.Poll.Written > 0, "the midday poll found nothing the morning's webhooks missed");
        Assert.True(outcome.TargetFaults.Unavailable > 0 && outcome.TargetFaults.Throttled > 0, "the books never failed");
        Assert.True(outcome.TargetFaults.Refused >= 5, "the outage refused nothing");
        Assert.True(outcome.ApiThrottled > 0, "the store API never throttled the poll");
        Assert.Equal(1, outcome.OnDemand.Run.Duplicates);

        // The night found what the afternoon lost, repaired all of it through the pipeline, and ends clean.
        var report = outcome.Nightly.Report;
        Assert.False(report.Before.Passed);
        Assert.All(report.Repairs, r => Assert.True(r.Repaired, r.Entity.ToString()));
        Assert.True(report.Repaired >= 5, $"only {report.Repaired} repaired");
        Assert.True(outcome.DeadLettersBeforeNight > 0, "the outage left no dead letter");
        Assert.Equal(outcome.DeadLettersBeforeNight, report.DeadLettersResolved);
        Assert.True(report.Passed);
        Assert.Equal((633, 633, 633), (report.After.SourceCount, report.After.TargetCount, report.After.Matched));
        Assert.Equal(0, outcome.DeadLettersLeft);
        Assert.Equal(381, outcome.Nightly.RowsReported);
        Assert.Contains(": PASS", await File.ReadAllTextAsync(outcome.Nightly.MarkdownPath, TestContext.Current.CancellationToken),
            StringComparison.Ordinal);
        Assert.True(outcome.Passed);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
