using System.Text.Json;
using AccountingSync.Conformance;
using AccountingSync.Webhooks.Verification;
using Microsoft.Extensions.Time.Testing;

namespace AccountingSync.Webhooks.Tests.Verification;

/// <summary>One case of the shared signature vectors, and the verifier its scheme calls for.</summary>
internal sealed record WebhookVector(JsonElement Json)
{
    public static readonly string[] Files =
    [
        "testdata/webhooks/public-vectors.json",
        "testdata/webhooks/generated-vectors.json",
    ];

    public string Id => Json.GetProperty("id").GetString()!;

    public string Provider => Json.GetProperty("provider").GetString()!;

    public string Scheme => Json.GetProperty("scheme").GetString()!;

    public bool ExpectedValid => Json.GetProperty("expected").GetString() == "valid";

    public string Reason => Json.GetProperty("reason").GetString()!;

    public byte[] Body => Convert.FromBase64String(Json.GetProperty("body_base64").GetString()!);

    public int? ExpectedHttpStatus =>
        Json.TryGetProperty("expected_http_status", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : null;

    public IReadOnlyList<string> Secrets
    {
        get
        {
            var list = new List<string> { Json.GetProperty("secret").GetString()! };
            if (Json.TryGetProperty("additional_secrets", out var more) && more.ValueKind == JsonValueKind.Array)
            {
                list.AddRange(more.EnumerateArray().Select(e => e.GetString()!));
            }

            return list;
        }
    }

    public IReadOnlyList<KeyValuePair<string, string>> Headers =>
        [.. Json.GetProperty("headers").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!))];

    public string? Url => Json.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;

    public DateTimeOffset Now => DateTimeOffset.FromUnixTimeSeconds(Json.GetProperty("now").GetInt64());

    public TimeSpan Tolerance => TimeSpan.FromSeconds(Json.GetProperty("tolerance_seconds").GetInt32());

    public static IEnumerable<WebhookVector> LoadAll() =>
        Files.SelectMany(file =>
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(SharedData.Require(file)));
            return document.RootElement.GetProperty("vectors").EnumerateArray().Select(v => new WebhookVector(v.Clone())).ToList();
        });

    public static WebhookVector Find(string id) => LoadAll().Single(v => v.Id == id);

    public IWebhookVerifier CreateVerifier()
    {
        var time = new FakeTimeProvider(Now);
        return Scheme switch
        {
            "standard-webhooks-v1" or "standard-webhooks-v1a" => new StandardWebhooksVerifier(Secrets, Tolerance, timeProvider: time),
            "svix-v1" => new StandardWebhooksVerifier(Secrets, Tolerance, StandardWebhooksVerifier.SvixPrefix, time),
            "stripe-v1" => new StripeSignatureVerifier(Secrets, Tolerance, time),
            "shopify-hmac-sha256" => new HmacSignatureVerifier(WebhookSchemes.Shopify, Secrets, time),
            "intuit-hmac-sha256" => new HmacSignatureVerifier(WebhookSchemes.QuickBooks, Secrets, time),
            "xero-hmac-sha256" => new HmacSignatureVerifier(WebhookSchemes.Xero, Secrets, time),
            "square-hmac-sha256" => new HmacSignatureVerifier(WebhookSchemes.Square(Url!), Secrets, time),
            "github-sha256" => new HmacSignatureVerifier(WebhookSchemes.GitHub, Secrets, time),
            _ => throw new InvalidOperationException($"Vector {Id} has an unknown scheme '{Scheme}'."),
        };
    }

    /// <summary>
    /// The failure an invalid vector's stated reason calls for. The reasons are prose, so they are read by
    /// keyword: absent headers (including legacy-only deliveries), unparseable headers, clock skew, and
    /// otherwise a signature that does not match.
    /// </summary>
    public WebhookVerificationFailure ExpectedFailure
    {
        get
        {
            var reason = Reason.ToLowerInvariant();
            if (reason.Contains("missing", StringComparison.Ordinal) || reason.Contains("legacy", StringComparison.Ordinal))
            {
                return WebhookVerificationFailure.MissingHeader;
            }

            if (reason.Contains("malformed", StringComparison.Ordinal) || reason.Contains("cannot be parsed", StringComparison.Ordinal))
            {
                return WebhookVerificationFailure.MalformedHeader;
            }

            if (reason.Contains("tolerance", StringComparison.Ordinal) || reason.Contains("future", StringComparison.Ordinal))
            {
                return WebhookVerificationFailure.TimestampOutsideTolerance;
            }

            return WebhookVerificationFailure.NoMatchingSignature;
        }
    }
}
