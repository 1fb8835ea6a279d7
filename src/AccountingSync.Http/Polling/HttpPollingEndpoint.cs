namespace AccountingSync.Http.Polling;

/// <summary>
/// Describes one JSON listing endpoint for <see cref="HttpPollingSource"/>: where the records are, how they are
/// identified and versioned, how the listing pages, and how it is filtered to what changed.
/// </summary>
/// <remarks>
/// <para>
/// Paths into the JSON (<see cref="ItemsPath"/>, <see cref="IdField"/>...) are dot-separated property names; a
/// number selects an array element, so <c>CDCResponse.0.QueryResponse.0.Invoice</c> reaches QuickBooks' records.
/// </para>
/// <para>
/// When <see cref="OrderedByModified"/> is set and the pagination is <see cref="PollingPagination.Page"/> or
/// <see cref="PollingPagination.Offset"/>, the source pages by key: after each full page it asks again from the
/// page's newest modified time. An update made while the listing is paged moves a record to the end of the
/// order, which with plain page numbers would shift an unread record onto a page already read; keyed paging
/// cannot skip it. Keyed paging relies on an inclusive filter (records modified exactly at the given time are
/// returned); with an exclusive one, records sharing the boundary time of a full page could be skipped. Use
/// <see cref="QuickBooksChangeDataCapture"/> or <see cref="XeroModifiedSince"/> for those providers' shapes.
/// Instances are immutable once built; validate with <see cref="Validate"/>.
/// </para>
/// </remarks>
public sealed partial record HttpPollingEndpoint
{
    /// <summary>Gets the source system, the first part of every record's identity (for example <c>xero</c>).</summary>
    public required string System { get; init; }

    /// <summary>Gets the entity type, the second part of every record's identity (for example <c>Invoice</c>).</summary>
    public required string EntityType { get; init; }

    /// <summary>Gets the listing's address, relative to the HTTP client's base address; it may carry a query.</summary>
    public required string Path { get; init; }

    /// <summary>Gets the path to the array of records in a page.</summary>
    public required string ItemsPath { get; init; }

    /// <summary>Gets a value indicating whether a page without <see cref="ItemsPath"/> holds no records.</summary>
    /// <value>Defaults to <see langword="false"/>: a page without its records is malformed.</value>
    /// <remarks>QuickBooks leaves an entity's array out of a change feed when none of it changed.</remarks>
    public bool ItemsOptional { get; init; }

    /// <summary>Gets the path of the record's id inside a record.</summary>
    /// <value>Defaults to <c>id</c>.</value>
    public string IdField { get; init; } = "id";

    /// <summary>Gets the path of the record's last-modified time inside a record; it becomes the record's version.</summary>
    /// <value>Defaults to <c>updated_at</c>.</value>
    /// <remarks>ISO 8601 times and Microsoft JSON dates (<c>/Date(1439434356790+0000)/</c>, as Xero sends) are read.</remarks>
    public string ModifiedField { get; init; } = "updated_at";

    /// <summary>Gets the path of a status field that marks deleted or voided records, when the feed has one.</summary>
    /// <value>Defaults to none.</value>
    public string? StatusField { get; init; }

    /// <summary>Gets the status values (ordinal, case-insensitive) that mean the record was deleted.</summary>
    /// <value>Defaults to <c>Deleted</c>.</value>
    public IReadOnlyList<string> DeletedStatuses { get; init; } = ["Deleted"];

    /// <summary>Gets the status values (ordinal, case-insensitive) that mean the record was voided.</summary>
    /// <value>Defaults to <c>Voided</c>.</value>
    public IReadOnlyList<string> VoidedStatuses { get; init; } = ["Voided"];

    /// <summary>Gets how the listing pages.</summary>
    /// <value>Defaults to <see cref="PollingPagination.None"/>.</value>
    public PollingPagination Pagination { get; init; }

    /// <summary>Gets the number of records a full page holds.</summary>
    /// <value>Defaults to 100.</value>
    /// <remarks>Between 1 and 10,000. With <see cref="PollingPagination.None"/> it is the provider's cap per call.</remarks>
    public int PageSize { get; init; } = 100;

    /// <summary>Gets the query parameter carrying the page number, offset or next token.</summary>
    /// <value>Defaults to <c>page</c>.</value>
    public string PageParameter { get; init; } = "page";

    /// <summary>Gets the query parameter carrying the page size, or null when the provider fixes it.</summary>
    /// <value>Defaults to none.</value>
    public string? PageSizeParameter { get; init; }

    /// <summary>Gets the path of the next token or next link in a page, for token and link pagination.</summary>
    /// <value>Defaults to <c>next</c>.</value>
    public string NextPath { get; init; } = "next";

    /// <summary>Gets how the listing is filtered to what changed since the watermark.</summary>
    /// <value>Defaults to <see cref="ModifiedSinceFilter.QueryParameter"/>.</value>
    public ModifiedSinceFilter ModifiedSince { get; init; } = ModifiedSinceFilter.QueryParameter;

    /// <summary>Gets the query parameter carrying the modified-since time.</summary>
    /// <value>Defaults to <c>updated_since</c>.</value>
    public string ModifiedSinceParameter { get; init; } = "updated_since";

    /// <summary>Gets a value indicating whether the provider returns records oldest-modified first.</summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool OrderedByModified { get; init; }

    /// <summary>Gets how far before the watermark each new poll starts, to catch records committed late.</summary>
    /// <value>Defaults to 5 minutes.</value>
    /// <remarks>
    /// Between zero and one day. The overlap is read again on purpose; the pipeline counts those records as
    /// duplicates, since their version (the modified time) is one it already committed.
    /// </remarks>
    public TimeSpan Overlap { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets how far back the provider can look (30 days for QuickBooks), or null when unbounded.</summary>
    /// <value>Defaults to none.</value>
    public TimeSpan? MaxLookback { get; init; }

    /// <summary>Gets what happens when the watermark is older than <see cref="MaxLookback"/>.</summary>
    /// <value>Defaults to <see cref="LookbackPolicy.Refuse"/>.</value>
    public LookbackPolicy Lookback { get; init; }

    /// <summary>Gets the time the first poll starts from, or null to list everything.</summary>
    /// <value>Defaults to none.</value>
    public DateTimeOffset? InitialWatermark { get; init; }

    /// <summary>Gets the full id listing compared now and then to find deletions the listing never reports.</summary>
    /// <value>Defaults to none: deletions are only what <see cref="StatusField"/> reports.</value>
    /// <remarks>Used by <see cref="PollingJob"/> when it is given a store for the known ids.</remarks>
    public PollingIdListing? IdListing { get; init; }
}
