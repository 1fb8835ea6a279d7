using System.Globalization;
using System.Text.Json;

namespace AccountingSync.Webhooks.Fetching;

/// <summary>Sending the request and reading the answer, for <see cref="HttpEntityFetcher"/>.</summary>
public abstract partial class HttpEntityFetcher
{
    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // No answer at all (refused, reset, timed out): the provider or the network, so worth another try.
            var kind = ex is HttpRequestException { HttpRequestError: var error } ? error.ToString() : "Timeout";
            var uri = request.RequestUri is { IsAbsoluteUri: true } absolute
                ? absolute
                : new Uri(client.BaseAddress!, request.RequestUri!);
            throw new WebhookEntityFetchException(
                $"Fetching {what} from GET {uri} failed without an answer: {kind}.", uri, null, isTransient: true,
                innerException: ex);
        }
    }

    private static async Task<JsonElement?> ReadJsonAsync(
        HttpResponseMessage response, string what, Uri? uri, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (bytes.Length == 0 && !response.IsSuccessStatusCode)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.Clone();
        }
        catch (JsonException ex) when (response.IsSuccessStatusCode)
        {
            throw new WebhookEntityFetchException(
                $"Fetching {what} from GET {uri}: the answer is not valid JSON ({ex.GetType().Name} at byte "
                + $"{ex.BytePositionInLine?.ToString(CultureInfo.InvariantCulture) ?? "?"}).",
                uri, null, isTransient: false, innerException: ex);
        }
        catch (JsonException)
        {
            // An error page that is not JSON (a proxy's HTML) still tells its story through the status.
            return null;
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - _time.GetUtcNow() : null);
        return wait is { } w && w < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
