using System.Text.Json;
using AccountingSync.Http.Polling.Internal;

namespace AccountingSync.Http.Tests.Polling;

/// <summary>
/// Modified times and statuses are read from a page's bytes without strings in the common case; these pin that
/// the fast reads and the string fallback agree on every shape the providers send.
/// </summary>
public sealed class JsonFieldsTests
{
    private static readonly JsonFieldPath At = new("at");
    private static readonly DateTimeOffset Noon = new(2026, 11, 3, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("\"/Date(1793707200000+0000)/\"")]
    [InlineData("\"/Date(1793707200000)/\"")]
    [InlineData("\"/Date(1793707200000-0500)/\"")]
    [InlineData("\"\\/Date(1793707200000+0000)\\/\"")]
    [InlineData("\"2026-11-03T12:00:00Z\"")]
    [InlineData("\"2026-11-03T12:00:00.000Z\"")]
    [InlineData("\"2026-11-03T07:00:00-05:00\"")]
    [InlineData("\"2026-11-03T13:00:00+01:00\"")]
    [InlineData("\"2026-11-03T12:00:00\"")]
    [InlineData("\"2026-11-03 12:00:00\"")]
    [InlineData("\"2026-11-03T12:00:00\\u002B00:00\"")]
    public void GetTime_EveryShapeOfOneInstant_ReadsThatInstantInUtc(string json)
    {
        var time = JsonFields.GetTime(Record(json), At);

        Assert.Equal(Noon, time);
        Assert.Equal(TimeSpan.Zero, time!.Value.Offset);
    }

    [Theory]
    [InlineData("\"/Date(-86400000+0000)/\"", "1969-12-31T00:00:00+00:00")]
    [InlineData("\"/Date(0)/\"", "1970-01-01T00:00:00+00:00")]
    public void GetTime_MicrosoftDateAroundTheEpoch_ReadsIt(string json, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            JsonFields.GetTime(Record(json), At));
    }

    [Theory]
    [InlineData("\"/Date(abc)/\"")]
    [InlineData("\"/Date()/\"")]
    [InlineData("\"/Date(99999999999999999+0000)/\"")]
    [InlineData("\"not a time\"")]
    [InlineData("1793707200000")]
    [InlineData("true")]
    [InlineData("null")]
    public void GetTime_NoReadableTime_IsNull(string json)
    {
        Assert.Null(JsonFields.GetTime(Record(json), At));
    }

    [Fact]
    public void GetTime_MissingField_IsNull()
    {
        Assert.Null(JsonFields.GetTime(Record("\"2026-11-03T12:00:00Z\""), new JsonFieldPath("other")));
    }

    [Theory]
    [InlineData("\"DELETED\"", true)]
    [InlineData("\"deleted\"", true)]
    [InlineData("\"Voided\"", true)]
    [InlineData("\"DEL\\u0045TED\"", true)]
    [InlineData("\"AUTHORISED\"", false)]
    [InlineData("\"DELETED \"", false)]
    [InlineData("\"\"", false)]
    [InlineData("7", false)]
    [InlineData("null", false)]
    public void MatchesAny_IgnoresAsciiCaseAndReadsEscapes(string json, bool expected)
    {
        Assert.Equal(expected, JsonFields.MatchesAny(Record(json).GetProperty("at"), ["DELETED", "VOIDED"]));
    }

    [Fact]
    public void MatchesAny_NumericStatus_ComparesItsText()
    {
        Assert.True(JsonFields.MatchesAny(Record("7").GetProperty("at"), ["7"]));
        Assert.False(JsonFields.MatchesAny(Record("\"DELETED\"").GetProperty("at"), []));
    }

    [Theory]
    [InlineData("Invoices.0.Id", "first")]
    [InlineData("Invoices.1.Id", "second")]
    [InlineData("Invoices.2.Id", null)]
    [InlineData("Invoices.x.Id", null)]
    [InlineData("Meta.0", "zero")]
    [InlineData("Missing", null)]
    public void GetScalar_DotPath_StepsThroughObjectsAndArrays(string path, string? expected)
    {
        using var document = JsonDocument.Parse(
            "{\"Invoices\":[{\"Id\":\"first\"},{\"Id\":\"second\"}],\"Meta\":{\"0\":\"zero\"}}");

        Assert.Equal(expected, JsonFields.GetScalar(document.RootElement, new JsonFieldPath(path)));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(9L)]
    [InlineData(10L)]
    [InlineData(99L)]
    [InlineData(638_000_000_000_000_000L)]
    [InlineData(999_999_999_999_999_999L)]
    [InlineData(1_000_000_000_000_000_000L)]
    public void PollingEventId_AnyTicks_IsEntityIdTicksAndOperation(long ticks)
    {
        var at = new DateTimeOffset(ticks, TimeSpan.Zero);

        Assert.Equal($"Invoices/INV-1@{ticks}/void", PollingEventId.Create("Invoices", "INV-1", at, "void"));
    }

    private static JsonElement Record(string value)
    {
        using var document = JsonDocument.Parse($"{{\"at\":{value}}}");
        return document.RootElement.Clone();
    }
}
