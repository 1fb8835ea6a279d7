using AccountingSync.Conformance.Testing;
using AccountingSync.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AccountingSync.Tests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task AddAccountingSync_WithATarget_HandsOutOnePipelinePerTarget()
    {
        var target = new RecordingTarget();
        await using var provider = new ServiceCollection()
            .AddAccountingSync(sync => sync
                .AddTarget("books", _ => target, o => o.Parallelism = 3)
                .ConfigurePipelines(o => o.CheckpointEvery = 10))
            .BuildServiceProvider();

        var pipelines = provider.GetRequiredService<ISyncPipelineProvider>();
        var pipeline = pipelines.GetPipeline("books");
        var result = await pipeline.RunAsync(
            new ListSource("s", [new TestRecord("A", 1, 1m).ToChange()]), new TestRecordMapper(), TestContext.Current.CancellationToken);

        Assert.Same(pipeline, pipelines.GetPipeline("books"));
        Assert.Equal(1, result.Written);
        var options = provider.GetRequiredService<IOptionsMonitor<SyncPipelineOptions>>().Get("books");
        Assert.Equal((3, 10), (options.Parallelism, options.CheckpointEvery));
    }

    [Fact]
    public void GetPipeline_UnknownTarget_SaysHowToAddIt()
    {
        using var provider = new ServiceCollection().AddAccountingSync(_ => { }).BuildServiceProvider();
        var error = Assert.Throws<InvalidOperationException>(
            () => provider.GetRequiredService<ISyncPipelineProvider>().GetPipeline("ledger"));
        Assert.Contains("AddTarget(\"ledger\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_InvalidSetting_FailsValidationNamingIt()
    {
        using var provider = new ServiceCollection()
            .AddAccountingSync(sync => sync.AddTarget("books", _ => new RecordingTarget(), o => o.Lanes[0].MaxWait = TimeSpan.FromDays(3)))
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptionsMonitor<SyncPipelineOptions>>().Get("books"));
        Assert.Contains(error.Failures, f => f.StartsWith("SyncPipelineOptions[books].Lanes[0].MaxWait", StringComparison.Ordinal));
    }
}
