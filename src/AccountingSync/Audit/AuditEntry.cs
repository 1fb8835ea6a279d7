namespace AccountingSync.Audit;

/// <summary>
/// One entry of the tamper-evident audit log. Each entry's <see cref="Hash"/> covers its fields and the hash of
/// the entry before it, so changing or removing any entry breaks the chain from there on.
/// </summary>
/// <param name="Sequence">The entry's position, from 1, without gaps.</param>
/// <param name="At">When the action happened.</param>
/// <param name="Actor">Who or what acted (a user, a job, the pipeline).</param>
/// <param name="Action">What was done, such as <c>deadletters.purge</c>.</param>
/// <param name="Subject">What it was done to.</param>
/// <param name="Details">More detail, free of secrets and personal data.</param>
/// <param name="PreviousHash">The hash of the entry before, or 64 zeros for the first.</param>
/// <param name="Hash">SHA-256 over this entry's fields and <paramref name="PreviousHash"/>, lower-case hex.</param>
public sealed record AuditEntry(
    long Sequence, DateTimeOffset At, string Actor, string Action, string Subject, string? Details, string PreviousHash, string Hash);
