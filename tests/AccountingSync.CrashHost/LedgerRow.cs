namespace AccountingSync.CrashHost;

/// <summary>One row of the ledger table.</summary>
public sealed record LedgerRow(string Key, string EntityId, string Name, long Version);
