using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace AccountingSync.Diagnostics;

/// <summary>
/// The SDK's one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both named <see cref="Name"/> and
/// versioned with the assembly. Subscribe to that name in OpenTelemetry to collect the SDK's metrics and traces.
/// </summary>
public static class SyncTelemetry
{
    /// <summary>The name of the meter and the activity source: <c>AccountingSync</c>.</summary>
    public const string Name = "AccountingSync";

    private static readonly string Version =
        typeof(SyncTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "0.0.0";

    /// <summary>Gets the activity source every SDK span starts from.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>Gets the meter every SDK instrument belongs to.</summary>
    public static Meter Meter { get; } = new(Name, Version);
}
