using AccountingSync.Webhooks.Verification;
using Microsoft.AspNetCore.Http;

namespace AccountingSync.Webhooks.Endpoints.Internal;

/// <summary>
/// The problem-details answers of the webhook endpoints. Each names what was wrong with the request; none
/// carries a secret, an expected signature or body content.
/// </summary>
internal static class WebhookProblems
{
    private const string TypeBase = "https://accountingsync.dev/problems/webhooks/";

    public static IResult UnsupportedMediaType(string? contentType, IEnumerable<string> accepted) => Problem(
        StatusCodes.Status415UnsupportedMediaType,
        "unsupported-media-type",
        "Unsupported content type",
        $"The content type '{contentType ?? "(none)"}' is not accepted; send one of: {string.Join(", ", accepted)}.");

    public static IResult TooLarge(long limit) => Problem(
        StatusCodes.Status413PayloadTooLarge,
        "body-too-large",
        "Body too large",
        $"The body is larger than this endpoint's limit of {limit} bytes.");

    public static IResult EmptyBody() => Problem(
        StatusCodes.Status400BadRequest, "empty-body", "Empty body", "The request has no body to verify.");

    public static IResult Unverified(WebhookVerificationResult result)
    {
        var status = result.Failure is WebhookVerificationFailure.MissingHeader or WebhookVerificationFailure.MalformedHeader
            ? StatusCodes.Status400BadRequest
            : StatusCodes.Status401Unauthorized;
        var slug = result.Failure switch
        {
            WebhookVerificationFailure.MissingHeader => "missing-signature-header",
            WebhookVerificationFailure.MalformedHeader => "malformed-signature-header",
            WebhookVerificationFailure.TimestampOutsideTolerance => "timestamp-outside-tolerance",
            WebhookVerificationFailure.UnsupportedScheme => "unsupported-signature-scheme",
            _ => "signature-mismatch",
        };
        return Problem(status, slug, "Webhook signature not verified", result.Message ?? "The signature was not verified.");
    }

    public static IResult InboxUnavailable() => Problem(
        StatusCodes.Status503ServiceUnavailable,
        "inbox-unavailable",
        "Delivery not stored",
        "The delivery was verified but could not be stored; retry later.");

    private static IResult Problem(int status, string slug, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: TypeBase + slug);
}
