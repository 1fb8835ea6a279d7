using AccountingSync.Model;

namespace AccountingSync.Tests.Model;

public sealed class SourceVersionTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CompareTo_Timestamps_OrderByInstantAcrossOffsets()
    {
        var utc = SourceVersion.FromTimestamp(At);
        var sameInstantElsewhere = SourceVersion.FromTimestamp(At.ToOffset(TimeSpan.FromHours(2)));

        Assert.Equal(VersionOrder.Same, utc.CompareTo(sameInstantElsewhere));
        Assert.Equal(VersionOrder.Newer, SourceVersion.FromTimestamp(At.AddTicks(1)).CompareTo(utc));
        Assert.Equal(VersionOrder.Older, utc.CompareTo(SourceVersion.FromTimestamp(At.AddSeconds(1))));
    }

    [Fact]
    public void CompareTo_Sequences_OrderNumerically()
    {
        Assert.Equal(VersionOrder.Newer, SourceVersion.FromSequence(10).CompareTo(SourceVersion.FromSequence(9)));
        Assert.Equal(VersionOrder.Same, SourceVersion.FromSequence(3).CompareTo(SourceVersion.FromSequence(3)));
    }

    [Fact]
    public void CompareTo_EntityTags_AreSameOrUnordered()
    {
        Assert.Equal(VersionOrder.Same, SourceVersion.FromETag("\"a\"").CompareTo(SourceVersion.FromETag("\"a\"")));
        Assert.Equal(VersionOrder.Unordered, SourceVersion.FromETag("\"a\"").CompareTo(SourceVersion.FromETag("\"b\"")));
    }

    [Fact]
    public void CompareTo_DifferentKindsOrNone_AreUnordered()
    {
        Assert.Equal(VersionOrder.Unordered, SourceVersion.FromSequence(1).CompareTo(SourceVersion.FromTimestamp(At)));
        Assert.Equal(VersionOrder.Unordered, SourceVersion.None.CompareTo(SourceVersion.None));
    }

    [Fact]
    public void FromParts_RoundTripsEveryKind()
    {
        foreach (var version in new[] { SourceVersion.FromTimestamp(At), SourceVersion.FromSequence(42),
            SourceVersion.FromETag("W/\"x\""), SourceVersion.None })
        {
            Assert.Equal(version, SourceVersion.FromParts(version.Kind, version.Ordinal, version.Tag));
        }
    }
}
