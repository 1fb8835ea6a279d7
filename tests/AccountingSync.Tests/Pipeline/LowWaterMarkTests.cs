using AccountingSync.Pipeline.Internal;

namespace AccountingSync.Tests.Pipeline;

public sealed class LowWaterMarkTests
{
    [Fact]
    public void Complete_OutOfOrder_AdvancesOnlyOverTheContiguousPrefix()
    {
        var mark = new LowWaterMark("start", initialCapacity: 16);

        Assert.False(mark.Complete(2, "c2"));
        Assert.False(mark.Complete(1, "c1"));
        Assert.Equal("start", mark.Cursor);

        Assert.True(mark.Complete(0, "c0"));
        Assert.Equal("c2", mark.Cursor);
        Assert.Equal(3, mark.CompletedPrefix);
    }

    [Fact]
    public void Complete_RecordWithoutCursor_KeepsTheLastResumePoint()
    {
        var mark = new LowWaterMark(null);
        mark.Complete(0, "page-1");
        mark.Complete(1, null);
        Assert.Equal("page-1", mark.Cursor);
    }

    [Fact]
    public void Complete_AbandonedRecord_IsPassedWithoutAdoptingItsCursor()
    {
        var mark = new LowWaterMark(null);
        mark.Complete(0, "c0");
        mark.Complete(1, "c1", adoptCursor: false);
        Assert.Equal("c0", mark.Cursor);
        Assert.Equal(2, mark.CompletedPrefix);
    }

    [Fact]
    public void Complete_FarAheadOfTheMark_GrowsTheRing()
    {
        var mark = new LowWaterMark(null, initialCapacity: 16);
        for (var s = 1000; s >= 1; s--)
        {
            mark.Complete(s, "c" + s);
        }

        Assert.Null(mark.Cursor);
        mark.Complete(0, "c0");
        Assert.Equal("c1000", mark.Cursor);
        Assert.Equal(1001, mark.CompletedPrefix);
    }
}
