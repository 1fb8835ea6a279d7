namespace AccountingSync.Http.Polling;

/// <summary>
/// Builds <see cref="HttpPollingEndpoint"/>s in the shape of Xero's Accounting API listings:
/// <c>GET /api.xro/2.0/{Collection}?page={n}&amp;order=UpdatedDateUTC ASC</c> with an
/// <c>If-Modified-Since</c> header.
/// </summary>
/// <remarks>
/// The provider's contract: records modified since the header's time, 100 per page, pages numbered from 1, a page
/// shorter than 100 the last; times such as <c>UpdatedDateUTC</c> come as Microsoft JSON dates. Asking for the
/// listing ordered by <c>UpdatedDateUTC</c> lets the source page by key, so an update made while it pages is never
/// skipped. Deleted and voided documents keep their place in the listing with <c>Status</c> <c>DELETED</c> or
/// <c>VOIDED</c>.
/// </remarks>
public static class XeroModifiedSince
{
    /// <summary>The records one page holds.</summary>
    public const int PageSize = 100;

    /// <summary>Creates the endpoint for one collection.</summary>
    /// <param name="collection">The collection, such as <c>Invoices</c>.</param>
    /// <param name="idField">The id field, such as <c>InvoiceID</c>.</param>
    /// <param name="entityType">The entity type for identities; the collection's name when null.</param>
    /// <returns>The endpoint.</returns>
    public static HttpPollingEndpoint Endpoint(string collection, string idField, string? entityType = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);
        ArgumentException.ThrowIfNullOrWhiteSpace(idField);
        return new HttpPollingEndpoint
        {
            System = "xero",
            EntityType = entityType ?? collection,
            Path = $"api.xro/2.0/{Uri.EscapeDataString(collection)}?order=UpdatedDateUTC%20ASC",
            ItemsPath = collection,
            IdField = idField,
            ModifiedField = "UpdatedDateUTC",
            StatusField = "Status",
            DeletedStatuses = ["DELETED"],
            VoidedStatuses = ["VOIDED"],
            Pagination = PollingPagination.Page,
            PageSize = PageSize,
            PageParameter = "page",
            OrderedByModified = true,
            ModifiedSince = ModifiedSinceFilter.IfModifiedSinceHeader,
        };
    }
}
