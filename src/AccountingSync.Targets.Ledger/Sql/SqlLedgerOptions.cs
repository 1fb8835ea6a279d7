using AccountingSync.Targets.Ledger.Mapping;

namespace AccountingSync.Targets.Ledger.Sql;

/// <summary>Settings of a <see cref="SqlLedgerTarget"/>.</summary>
public sealed record SqlLedgerOptions
{
    /// <summary>Gets the target's name, part of every idempotency key.</summary>
    /// <value>Defaults to <c>sql-ledger</c>.</value>
    public string Name { get; init; } = "sql-ledger";

    /// <summary>Gets the posting mapping.</summary>
    /// <value>Defaults to the retailer's defaults of <see cref="PostingOptions"/>.</value>
    public PostingOptions Posting { get; init; } = new();

    /// <summary>Gets the largest number of writes one bulk call takes; each call is one database transaction.</summary>
    /// <value>Defaults to 200.</value>
    /// <remarks>From 1 to 10 000.</remarks>
    public int MaxBulkSize { get; init; } = 200;
}
