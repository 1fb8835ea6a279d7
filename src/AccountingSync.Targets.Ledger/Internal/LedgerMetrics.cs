using System.Diagnostics;
using System.Diagnostics.Metrics;
using AccountingSync.Diagnostics;

namespace AccountingSync.Targets.Ledger.Internal;

/// <summary>The ledger targets' instruments, on the SDK's meter.</summary>
internal static class LedgerMetrics
{
    public const string Written = "written";
    public const string AlreadyApplied = "already_applied";
    public const string Refused = "refused";

    public static readonly Counter<long> Transactions = SyncTelemetry.Meter.CreateCounter<long>(
        "accountingsync.ledger.writes", "{write}", "Writes a ledger target handled, by outcome.");

    public static void Record(string target, string outcome)
    {
        if (Transactions.Enabled)
        {
            var tags = new TagList { { TelemetryTags.Target, target }, { TelemetryTags.Outcome, outcome } };
            Transactions.Add(1, tags);
        }
    }
}
