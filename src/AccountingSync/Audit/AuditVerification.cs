namespace AccountingSync.Audit;

/// <summary>The result of verifying the audit log's hash chain.</summary>
/// <param name="IsIntact">Whether every entry holds.</param>
/// <param name="VerifiedEntries">How many entries were verified before the first break.</param>
/// <param name="BrokenAt">The sequence of the first entry that does not hold, when one does not.</param>
/// <param name="Problem">What is wrong with it.</param>
public sealed record AuditVerification(bool IsIntact, long VerifiedEntries, long? BrokenAt, string? Problem);
