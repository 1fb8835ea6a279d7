using System.Security.Cryptography;
using AccountingSync.Inbox;
using AccountingSync.Webhooks.Configuration.Internal;
using AccountingSync.Webhooks.Diagnostics;
using AccountingSync.Webhooks.Inbox;
using AccountingSync.Webhooks.Inbox.Internal;
using AccountingSync.Webhooks.Verification;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace AccountingSync.Webhooks.Endpoints.Internal;

/// <summary>
/// Serves one delivery: content type, raw body within the limit, signature, identity, then the inbox write,
/// and only then 200. Every refusal is a 4xx problem; a failed inbox write is a 503 so the provider retries.
/// </summary>
internal sealed class WebhookRequestHandler(IServiceProvider services, string name)
{
    // Resolved on the first request rather than at mapping, when options validation has not run yet.
    private readonly Lazy<Parts> _parts = new(() =>
    {
        var endpoints = services.GetRequiredService<WebhookEndpoints>();
        return new Parts(endpoints, endpoints.Get(name), services.GetRequiredService<GroupCommitInboxWriter>());
    });

    public async Task HandleAsync(HttpContext context)
    {
        var refusal = await ReceiveAsync(context).ConfigureAwait(false);
        if (refusal is null)
        {
            // The acknowledgement is a bare 200: set directly, it costs the request nothing more.
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        await refusal.ExecuteAsync(context).ConfigureAwait(false);
    }

    /// <summary>Receives the delivery; null when it is acknowledged with 200, else the refusal to send.</summary>
    private async Task<IResult?> ReceiveAsync(HttpContext context)
    {
        var (endpoints, endpoint, writer) = _parts.Value;
        var logger = endpoints.Logger;
        var options = endpoint.Options;
        var contentType = context.Request.ContentType;
        if (!IsAccepted(contentType, options.ContentTypes))
        {
            var problem = WebhookProblems.UnsupportedMediaType(contentType, options.ContentTypes);
            return Refuse(logger, endpoint, problem, 415, "content type");
        }

        var body = await RawBody.ReadAsync(context, options.MaxBodySize).ConfigureAwait(false);
        if (body is null)
        {
            return Refuse(logger, endpoint, WebhookProblems.TooLarge(options.MaxBodySize), 413, "body too large");
        }

        if (body.Length == 0)
        {
            return Refuse(logger, endpoint, WebhookProblems.EmptyBody(), 400, "empty body");
        }

        var headers = new HttpRequestWebhookHeaders(context.Request.Headers);
        var verification = endpoint.Verifier.Verify(new WebhookRequest(headers, body));
        if (!verification.Succeeded)
        {
            Log.Rejected(logger, endpoint.Name, verification.Failure.ToString(), verification.Header);
            WebhookMetrics.Delivery(endpoint.Name, "rejected");

            // Xero's intent-to-receive check requires exactly 401 with no body for any unverified delivery.
            return endpoint.EmptyUnauthorized
                ? TypedResults.StatusCode(StatusCodes.Status401Unauthorized)
                : WebhookProblems.Unverified(verification);
        }

        var info = endpoint.Parser.Describe(headers, body);
        if (!info.ShouldStore)
        {
            WebhookMetrics.Delivery(endpoint.Name, "acknowledged");
            return null;
        }

        var eventId = info.EventId ?? "sha256-" + Convert.ToHexStringLower(SHA256.HashData(body));
        var inboxEvent = new InboxEvent
        {
            Provider = endpoint.Name,
            EventId = eventId,
            ReceivedAt = endpoints.Time.GetUtcNow(),
            Headers = KeptHeaders(context.Request.Headers, endpoint.Parser.KeptHeaders),
            Body = body,
        };

        long? sequence;
        try
        {
            sequence = await writer.WriteAsync(inboxEvent).ConfigureAwait(false);
        }
        catch (WebhookInboxUnavailableException)
        {
            WebhookMetrics.Delivery(endpoint.Name, "unavailable");
            return WebhookProblems.InboxUnavailable();
        }

        if (sequence is { } stored)
        {
            Log.Stored(logger, endpoint.Name, eventId, stored);
            WebhookMetrics.Delivery(endpoint.Name, "stored");
        }
        else
        {
            Log.Duplicate(logger, endpoint.Name, eventId);
            WebhookMetrics.Delivery(endpoint.Name, "duplicate");
        }

        return null;
    }

    private sealed record Parts(WebhookEndpoints Endpoints, WebhookEndpoint Endpoint, GroupCommitInboxWriter Writer);

    private static IResult Refuse(ILogger logger, WebhookEndpoint endpoint, IResult result, int status, string reason)
    {
        Log.RequestRejected(logger, endpoint.Name, status, reason);
        WebhookMetrics.Delivery(endpoint.Name, "refused");
        return result;
    }

    private static bool IsAccepted(string? contentType, IList<string> accepted)
    {
        // Most deliveries send the bare media type; only one with parameters (charset) needs the parser.
        for (var i = 0; i < accepted.Count; i++)
        {
            if (string.Equals(accepted[i], contentType, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType.Value is not { } mediaType)
        {
            return false;
        }

        for (var i = 0; i < accepted.Count; i++)
        {
            if (string.Equals(accepted[i], mediaType, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<string, string> KeptHeaders(IHeaderDictionary headers, IReadOnlyCollection<string> names)
    {
        var kept = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            if (headers.TryGetValue(name, out var value))
            {
                kept[name] = value.ToString();
            }
        }

        return kept;
    }
}
