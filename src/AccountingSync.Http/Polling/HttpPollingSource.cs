using System.Runtime.CompilerServices;
using AccountingSync.Connectors;
using AccountingSync.Http.Polling.Internal;

namespace AccountingSync.Http.Polling;

/// <summary>
/// A source that polls a JSON listing over HTTP: it pages through what changed since a watermark and yields each
/// record as a change whose version is its modified time, with the watermark in the cursor.
/// </summary>
/// <remarks>
/// <para>
/// The cursor is JSON (<c>{"watermark":…,"page":…}</c>) and only the last record of a page carries it, so the
/// pipeline, which saves the cursor of the newest record whose predecessors are all committed, never moves the
/// watermark past a record that is not committed. A new listing starts <see cref="HttpPollingEndpoint.Overlap"/>
/// before the watermark; the records read again have a version the pipeline already committed and count as
/// duplicates, never as second writes.
/// </para>
/// <para>
/// Put authentication (<see cref="Authentication.OAuthTokenHandler"/>, <see cref="Authentication.ApiKeyHandler"/>)
/// and resilience (<c>AddAccountingSyncResilience</c>, which honours 429 and <c>Retry-After</c>) on the
/// <see cref="HttpClient"/> given here. A page that cannot be read stops the run with
/// <see cref="PollingPageException"/>. The source is stateless between runs and safe to share; one enumeration
/// at a time per stream is the pipeline's rule.
/// </para>
/// </remarks>
public sealed partial class HttpPollingSource : ISourceConnector
{
    private readonly HttpClient _http;
    private readonly HttpPollingEndpoint _endpoint;
    private readonly TimeProvider _time;
    private readonly RecordFields _fields;

    /// <summary>Creates a source.</summary>
    /// <param name="http">The client, with base address, authentication and resilience handlers.</param>
    /// <param name="endpoint">The endpoint; validated here.</param>
    /// <param name="name">The stream name; <c>System.EntityType</c> when null.</param>
    /// <param name="timeProvider">The clock for look-back limits and listing times; the system clock when null.</param>
    /// <exception cref="ArgumentException">The endpoint is invalid; the message names each bad setting.</exception>
    public HttpPollingSource(
        HttpClient http, HttpPollingEndpoint endpoint, string? name = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        endpoint.Validate();
        _http = http;
        _endpoint = endpoint;
        _time = timeProvider ?? TimeProvider.System;
        _fields = new RecordFields(endpoint);
        Name = name ?? $"{endpoint.System}.{endpoint.EntityType}";
        var features = endpoint.ModifiedSince == ModifiedSinceFilter.None
            ? SourceFeatures.FullExport
            : SourceFeatures.ModifiedSince;
        if (endpoint.StatusField is not null)
        {
            features |= SourceFeatures.Deletes;
        }

        Capabilities = new SourceCapabilities(features, endpoint.MaxLookback);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public SourceCapabilities Capabilities { get; }

    /// <summary>Gets the endpoint this source polls.</summary>
    public HttpPollingEndpoint Endpoint => _endpoint;

    /// <inheritdoc />
    /// <exception cref="PollingPageException">A page was refused or malformed.</exception>
    /// <exception cref="PollingLookbackExceededException">The watermark is beyond the provider's look-back.</exception>
    /// <exception cref="FormatException">The cursor is not one this source issued.</exception>
    public async IAsyncEnumerable<SourceChange> ReadChangesAsync(
        string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = PollingCursor.Parse(cursor, _endpoint);
        using var fetches = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<FetchedPage>? ahead = null;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var fetched = await (ahead ?? FetchAsync(state, fetches.Token)).ConfigureAwait(false);
                ahead = null;
                var items = Items(fetched);

                // When the next page follows from this one alone, it is asked for now: the provider and the
                // network serve it while this page's records are read and handed on. A failure of that request
                // surfaces after this page's records, where a request made later would have failed.
                if (NextWithoutTimes(state, fetched, items?.GetArrayLength() ?? 0) is { } known)
                {
                    ahead = FetchAsync(known, fetches.Token);
                }

                var page = Read(state, fetched, items);
                var last = page.Changes.Count - 1;
                var next = page.Next.Serialize();
                for (var i = 0; i <= last; i++)
                {
                    yield return i == last ? page.Changes[i] with { Cursor = next } : page.Changes[i];
                }

                if (page.Next.NewListing)
                {
                    yield break;
                }

                state = page.Next;
            }
        }
        finally
        {
            if (ahead is not null)
            {
                // The reader stopped with a page requested; nobody will read it.
                await fetches.CancelAsync().ConfigureAwait(false);
                await ((Task)ahead).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
