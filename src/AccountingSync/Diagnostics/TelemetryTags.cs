namespace AccountingSync.Diagnostics;

/// <summary>The tag names the SDK puts on metrics and spans, spelled once so every instrument agrees.</summary>
public static class TelemetryTags
{
    /// <summary>The source stream's name.</summary>
    public const string Stream = "accountingsync.stream";

    /// <summary>The target's name.</summary>
    public const string Target = "accountingsync.target";

    /// <summary>What happened to a record (<see cref="Pipeline.RecordOutcome"/> in lower case).</summary>
    public const string Outcome = "accountingsync.outcome";

    /// <summary>The class of a failure.</summary>
    public const string ErrorClass = "accountingsync.error_class";

    /// <summary>The routing lane.</summary>
    public const string Lane = "accountingsync.lane";
}
