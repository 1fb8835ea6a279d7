using AccountingSync.Batch.Staging.Internal;

namespace AccountingSync.Batch.Tests.Staging;

/// <summary>The load checkpoint under chunks that commit out of order.</summary>
public sealed class LowWaterMarkTests
{
    [Fact]
    public void Complete_LaterChunkFirst_HoldsTheMarkUntilEveryEarlierChunkCommits()
    {
        var mark = new LowWaterMark();
        var a = mark.Open("100");
        var b = mark.Open("200");
        var c = mark.Open("300");

        Assert.Null(mark.Complete(c));
        Assert.Null(mark.Complete(b));
        Assert.Equal("300", mark.Complete(a));
    }

    [Fact]
    public void Complete_InOrder_MovesTheMarkEachTime()
    {
        var mark = new LowWaterMark();
        var a = mark.Open("100");
        var b = mark.Open("200");

        Assert.Equal("100", mark.Complete(a));
        var c = mark.Open("300");
        Assert.Equal("200", mark.Complete(b));
        Assert.Equal("300", mark.Complete(c));
    }
}
