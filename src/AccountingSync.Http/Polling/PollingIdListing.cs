namespace AccountingSync.Http.Polling;

/// <summary>
/// A listing of every id an API holds for an entity, read now and then to find records deleted at a provider that
/// never reports deletions; set it as <see cref="HttpPollingEndpoint.IdListing"/>.
/// </summary>
/// <remarks>
/// <para>
/// Every <see cref="Every"/>, after a poll, the <see cref="PollingJob"/> lists the ids and compares them with the ids
/// the stream is known to hold: those seen in earlier listings and polls. An id that is known but not listed is
/// sent through the pipeline as a <see cref="Connectors.ChangeOperation.Delete"/>. Only ids known before the
/// listing began are compared, so a record created while the listing pages is never taken for deleted.
/// </para>
/// <para>
/// A listing that lost records (a provider outage answering an empty page, offset paging while records are removed)
/// would look like mass deletion: when more than <see cref="MaxDeleteFraction"/> of the known ids are missing, the
/// job refuses with <see cref="PollingDeleteLimitExceededException"/> and deletes nothing. Prefer next-token or
/// next-link paging, or a listing ordered by id, which cannot skip a record when another is removed.
/// </para>
/// </remarks>
public sealed record PollingIdListing
{
    /// <summary>Gets the listing's address, relative to the HTTP client's base address; it may carry a query.</summary>
    public required string Path { get; init; }

    /// <summary>Gets the path to the array of records (or id objects) in a page.</summary>
    public required string ItemsPath { get; init; }

    /// <summary>Gets the path of the id inside an item; the endpoint's <see cref="HttpPollingEndpoint.IdField"/> when null.</summary>
    /// <value>Defaults to none.</value>
    public string? IdField { get; init; }

    /// <summary>Gets how the listing pages.</summary>
    /// <value>Defaults to <see cref="PollingPagination.None"/>.</value>
    public PollingPagination Pagination { get; init; }

    /// <summary>Gets the number of ids a full page holds.</summary>
    /// <value>Defaults to 100.</value>
    /// <remarks>Between 1 and 10,000.</remarks>
    public int PageSize { get; init; } = 100;

    /// <summary>Gets the query parameter carrying the page number, offset or next token.</summary>
    /// <value>Defaults to <c>page</c>.</value>
    public string PageParameter { get; init; } = "page";

    /// <summary>Gets the query parameter carrying the page size, or null when the provider fixes it.</summary>
    /// <value>Defaults to none.</value>
    public string? PageSizeParameter { get; init; }

    /// <summary>Gets the path of the next token or next link in a page.</summary>
    /// <value>Defaults to <c>next</c>.</value>
    public string NextPath { get; init; } = "next";

    /// <summary>Gets how often the ids are listed and compared.</summary>
    /// <value>Defaults to one day.</value>
    /// <remarks>Between 1 minute and 30 days; the first poll of a stream lists them.</remarks>
    public TimeSpan Every { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Gets the largest share of the known ids one comparison may delete.</summary>
    /// <value>Defaults to 0.1 (10 %).</value>
    /// <remarks>Between 0 and 1; 1 allows any number of deletions, 0 refuses every one.</remarks>
    public double MaxDeleteFraction { get; init; } = 0.1;
}
