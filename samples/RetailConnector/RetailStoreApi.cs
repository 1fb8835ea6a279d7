using AccountingSync.Http.Polling;

namespace RetailConnector;

/// <summary>The store API's shape, as the SDK's polling source needs it.</summary>
public static class RetailStoreApi
{
    /// <summary>
    /// The invoice listing: <c>GET api/invoices?updated_since=&amp;page=&amp;limit=</c>, oldest-modified first with an
    /// inclusive filter, so the source pages by key and cannot skip an invoice updated while it pages.
    /// </summary>
    /// <param name="system">The source system named in identities.</param>
    /// <returns>The endpoint.</returns>
    public static HttpPollingEndpoint Invoices(string system) => new()
    {
        System = system,
        EntityType = "invoice",
        Path = "api/invoices",
        ItemsPath = "invoices",
        IdField = "id",
        ModifiedField = "updated_at",
        Pagination = PollingPagination.Page,
        PageSize = 100,
        PageSizeParameter = "limit",
        ModifiedSinceParameter = "updated_since",
        OrderedByModified = true,
    };
}
