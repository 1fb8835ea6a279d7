namespace AccountingSync.Batch.Staging;

/// <summary>One page of documents read by key range from a staging store.</summary>
/// <param name="Groups">The documents the filter kept, in key order; may be empty on a page that is not the last.</param>
/// <param name="LastKey">
/// The last document key the page covered, kept or not: the next page starts after it. Null when no document
/// was left after the key the read started from, which ends the listing.
/// </param>
public sealed record StagedGroupPage(IReadOnlyList<StagedGroup> Groups, string? LastKey);
