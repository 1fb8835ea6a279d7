using System.Security.Cryptography;
using System.Text;
using AccountingSync.Webhooks.Verification;
using Microsoft.Extensions.Time.Testing;

namespace AccountingSync.Webhooks.Tests.Verification;

public sealed class HmacSignatureVerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = """{"invoice":"INV-1","total":"12.50"}"""u8.ToArray();

    private static readonly HmacSignatureScheme Timestamped = new()
    {
        Name = "acme",
        SignatureHeader = "X-Acme-Signature",
        Algorithm = HmacAlgorithm.Sha512,
        Encoding = SignatureEncoding.Base64,
        Prefix = "v1=",
        TimestampHeader = "X-Acme-Timestamp",
        SignedContent = "{timestamp}:{body}",
    };

    [Fact]
    public void Verify_GenericTimestampTemplate_AcceptsTheDocumentedBytes()
    {
        var verifier = new HmacSignatureVerifier(Timestamped, ["acme-secret"], new FakeTimeProvider(Now));

        var result = verifier.Verify(Request(Now.ToUnixTimeSeconds(), Sign("acme-secret", Now.ToUnixTimeSeconds())));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(Now, result.Timestamp);
    }

    [Fact]
    public void Verify_SignedWithRetiredSecretDuringRotation_Accepted()
    {
        var verifier = new HmacSignatureVerifier(Timestamped, ["new-secret", "old-secret"], new FakeTimeProvider(Now));

        var result = verifier.Verify(Request(Now.ToUnixTimeSeconds(), Sign("old-secret", Now.ToUnixTimeSeconds())));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Verify_TimestampBeyondTolerance_RejectedForTheTimestamp()
    {
        var time = new FakeTimeProvider(Now);
        var verifier = new HmacSignatureVerifier(Timestamped, ["acme-secret"], time);
        var signed = Now.ToUnixTimeSeconds();
        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var result = verifier.Verify(Request(signed, Sign("acme-secret", signed)));

        Assert.Equal(WebhookVerificationFailure.TimestampOutsideTolerance, result.Failure);
        Assert.Equal("X-Acme-Timestamp", result.Header);
    }

    [Fact]
    public void Verify_WrongSecret_MessageRevealsNoSignature()
    {
        var verifier = new HmacSignatureVerifier(Timestamped, ["acme-secret"], new FakeTimeProvider(Now));
        var expected = Sign("acme-secret", Now.ToUnixTimeSeconds());

        var result = verifier.Verify(Request(Now.ToUnixTimeSeconds(), Sign("other", Now.ToUnixTimeSeconds())));

        Assert.Equal(WebhookVerificationFailure.NoMatchingSignature, result.Failure);
        Assert.DoesNotContain(expected[3..], result.Message!, StringComparison.Ordinal);
        Assert.DoesNotContain("acme-secret", result.Message!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{body}{body}")]
    [InlineData("{timestamp}")]
    [InlineData("{nonce}.{body}")]
    [InlineData("{url}{body}")]
    public void Constructor_InvalidTemplate_ThrowsNamingTheProblem(string template)
    {
        var scheme = Timestamped with { SignedContent = template };

        var ex = Assert.Throws<ArgumentException>(() => new HmacSignatureVerifier(scheme, ["s"]));

        Assert.Contains("SignedContent", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoSecrets_Throws()
    {
        Assert.Throws<ArgumentException>(() => new HmacSignatureVerifier(WebhookSchemes.Shopify, []));
    }

    [Fact]
    public void Verify_StandardWebhooksWithOnlyV1aAndNoPublicKey_ReportsUnsupportedScheme()
    {
        var verifier = new StandardWebhooksVerifier(
            ["whsec_" + Convert.ToBase64String(new byte[24])], timeProvider: new FakeTimeProvider(Now));
        var headers = new WebhookHeaders(
        [
            new("webhook-id", "msg_1"),
            new("webhook-timestamp", Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("webhook-signature", "v1a," + Convert.ToBase64String(new byte[64])),
        ]);

        var result = verifier.Verify(new WebhookRequest(headers, Body));

        Assert.Equal(WebhookVerificationFailure.UnsupportedScheme, result.Failure);
    }

    private static WebhookRequest Request(long timestamp, string signature) => new(
        new WebhookHeaders(
        [
            new("X-Acme-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("x-acme-signature", signature),
        ]),
        Body);

    private static string Sign(string secret, long timestamp)
    {
        var signed = Encoding.UTF8.GetBytes($"{timestamp}:").Concat(Body).ToArray();
        return "v1=" + Convert.ToBase64String(HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
