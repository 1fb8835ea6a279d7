using System.Runtime.CompilerServices;

namespace AccountingSync.Http.Polling;

public sealed partial class HttpPollingSource
{
    private HttpPollingSource? _idListing;

    /// <summary>Lists every id the endpoint's <see cref="HttpPollingEndpoint.IdListing"/> returns, page by page.</summary>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The ids, in the provider's order; an id may repeat when the listing shifts while it pages.</returns>
    /// <exception cref="InvalidOperationException">The endpoint has no id listing.</exception>
    /// <exception cref="PollingPageException">A page was refused or malformed.</exception>
    public async IAsyncEnumerable<string> ListIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var listing = _endpoint.IdListing
            ?? throw new InvalidOperationException($"The polling endpoint '{_endpoint.EntityType}' has no IdListing.");
        _idListing ??= new HttpPollingSource(_http, new HttpPollingEndpoint
        {
            System = _endpoint.System,
            EntityType = _endpoint.EntityType,
            Path = listing.Path,
            ItemsPath = listing.ItemsPath,
            IdField = listing.IdField ?? _endpoint.IdField,
            Pagination = listing.Pagination,
            PageSize = listing.PageSize,
            PageParameter = listing.PageParameter,
            PageSizeParameter = listing.PageSizeParameter,
            NextPath = listing.NextPath,
            ModifiedSince = ModifiedSinceFilter.None,
        }, Name + "#ids", _time);
        await foreach (var change in _idListing.ReadChangesAsync(null, cancellationToken).ConfigureAwait(false))
        {
            yield return change.Entity.Id;
        }
    }
}
