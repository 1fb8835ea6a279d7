using System.Globalization;

namespace AccountingSync.Webhooks.Verification.Internal;

/// <summary>Parsing and tolerance checks of signed Unix timestamps.</summary>
internal static class Timestamps
{
    public static bool TryParseUnixSeconds(ReadOnlySpan<char> text, out long seconds) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds)
        && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>True when |now − t| ≤ tolerance; an age exactly equal to the tolerance is accepted.</summary>
    public static bool WithinTolerance(long seconds, TimeProvider time, TimeSpan tolerance)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var difference = Math.Abs(now - seconds);
        return difference <= (long)tolerance.TotalSeconds;
    }

    public static WebhookVerificationResult OutsideTolerance(string header, TimeSpan tolerance) =>
        WebhookVerificationResult.Fail(
            WebhookVerificationFailure.TimestampOutsideTolerance,
            header,
            $"The timestamp in '{header}' is more than {(long)tolerance.TotalSeconds} s from the receiver's clock.");
}
