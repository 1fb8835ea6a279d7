using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AccountingSync.Webhooks.Verification;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Time.Testing;

namespace AccountingSync.Benchmarks.Webhooks;

/// <summary>
/// Verification cost per request beside the raw HMACSHA256.HashData over the same signed bytes: the baseline is
/// the MAC alone, so the ratio is everything verification adds (header parsing, decoding, constant-time compare,
/// building the signed content). Goal: within 1.5x.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class SignatureVerificationBenchmarks
{
    private const string Secret = "shpss_benchmark_secret_0123456789";
    private const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private readonly byte[] _mac = new byte[32];
    private byte[] _body = [];
    private byte[] _key = [];
    private byte[] _stripeSigned = [];
    private byte[] _standardSigned = [];
    private byte[] _standardKey = [];
    private WebhookRequest _shopify;
    private WebhookRequest _stripe;
    private WebhookRequest _standard;
    private WebhookRequest _github;
    private HmacSignatureVerifier _shopifyVerifier = null!;
    private HmacSignatureVerifier _githubVerifier = null!;
    private StripeSignatureVerifier _stripeVerifier = null!;
    private StandardWebhooksVerifier _standardVerifier = null!;

    /// <summary>Gets or sets the body size in bytes.</summary>
    [Params(1024, 16 * 1024)]
    public int BodySize { get; set; }

    /// <summary>Builds signed requests for each scheme.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var t = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        _body = Encoding.UTF8.GetBytes("{\"order\":\"" + new string('x', BodySize - 12) + "\"}");
        _key = Encoding.UTF8.GetBytes(Secret);
        _stripeSigned = [.. Encoding.UTF8.GetBytes(t + "."), .. _body];
        _standardKey = Convert.FromBase64String(StandardSecret[6..]);
        _standardSigned = [.. Encoding.UTF8.GetBytes("msg_1." + t + "."), .. _body];

        _shopifyVerifier = new HmacSignatureVerifier(WebhookSchemes.Shopify, [Secret], time);
        _githubVerifier = new HmacSignatureVerifier(WebhookSchemes.GitHub, [Secret], time);
        _stripeVerifier = new StripeSignatureVerifier([Secret], timeProvider: time);
        _standardVerifier = new StandardWebhooksVerifier([StandardSecret], timeProvider: time);

        _shopify = Request(_body, ("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(_key, _body))));
        _github = Request(_body, ("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(_key, _body))));
        _stripe = Request(_body, ("Stripe-Signature", $"t={t},v1={Convert.ToHexStringLower(HMACSHA256.HashData(_key, _stripeSigned))}"));
        _standard = Request(_body,
            ("webhook-id", "msg_1"), ("webhook-timestamp", t),
            ("webhook-signature", "v1," + Convert.ToBase64String(HMACSHA256.HashData(_standardKey, _standardSigned))));
    }

    /// <summary>The MAC alone over the body.</summary>
    /// <returns>The MAC length.</returns>
    [Benchmark(Baseline = true)]
    public int RawHmacOverBody() => HMACSHA256.HashData(_key, _body, _mac);

    /// <summary>Shopify: base64 HMAC over the body.</summary>
    /// <returns>Whether it verified.</returns>
    [Benchmark]
    public bool Shopify() => _shopifyVerifier.Verify(_shopify).Succeeded;

    /// <summary>GitHub: sha256= hex HMAC over the body.</summary>
    /// <returns>Whether it verified.</returns>
    [Benchmark]
    public bool GitHub() => _githubVerifier.Verify(_github).Succeeded;

    /// <summary>The MAC alone over Stripe's signed bytes (t.body).</summary>
    /// <returns>The MAC length.</returns>
    [Benchmark]
    public int RawHmacOverStripeContent() => HMACSHA256.HashData(_key, _stripeSigned, _mac);

    /// <summary>Stripe: header parse, tolerance, hex v1 over t.body.</summary>
    /// <returns>Whether it verified.</returns>
    [Benchmark]
    public bool Stripe() => _stripeVerifier.Verify(_stripe).Succeeded;

    /// <summary>The MAC alone over Standard Webhooks' signed bytes (id.t.body).</summary>
    /// <returns>The MAC length.</returns>
    [Benchmark]
    public int RawHmacOverStandardContent() => HMACSHA256.HashData(_standardKey, _standardSigned, _mac);

    /// <summary>Standard Webhooks: three headers, tolerance, base64 v1 over id.t.body.</summary>
    /// <returns>Whether it verified.</returns>
    [Benchmark]
    public bool StandardWebhooks() => _standardVerifier.Verify(_standard).Succeeded;

    private static WebhookRequest Request(byte[] body, params (string Name, string Value)[] headers) =>
        new(new WebhookHeaders(headers.Select(h => KeyValuePair.Create(h.Name, h.Value))), body);
}
