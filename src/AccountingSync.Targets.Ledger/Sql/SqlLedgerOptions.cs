using System.ComponentModel.DataAnnotations;
using AccountingSync.Targets.Ledger.Mapping;

namespace AccountingSync.Targets.Ledger.Sql;

/// <summary>Settings of a <see cref="SqlLedgerTarget"/>.</summary>
public sealed class SqlLedgerOptions
{
    /// <summary>Gets or sets the target's name, part of every idempotency key.</summary>
    /// <value>Defaults to <c>sql-ledger</c>.</value>
    [Required(AllowEmptyStrings = false)]
    public string Name { get; set; } = "sql-ledger";

    /// <summary>Gets or sets the posting mapping.</summary>
    /// <value>Defaults to the retailer's defaults of <see cref="PostingOptions"/>.</value>
    [Required]
    public PostingOptions Posting { get; set; } = new();

    /// <summary>Gets or sets the largest number of writes one bulk call takes; each call is one database transaction.</summary>
    /// <value>Defaults to 200.</value>
    /// <remarks>From 1 to 10 000.</remarks>
    [Range(1, 10_000)]
    public int MaxBulkSize { get; set; } = 200;
}
