namespace AccountingSync.Webhooks.Verification;

/// <summary>Checks that a delivery was signed by the provider with one of the receiver's active secrets.</summary>
/// <remarks>
/// Implementations are pure over the request and their clock: no I/O, no logging of secrets or signatures.
/// They compare signatures in constant time and are thread-safe, so one instance serves every request.
/// </remarks>
public interface IWebhookVerifier
{
    /// <summary>Gets the scheme's name, such as <c>stripe-v1</c>, for logs and metrics.</summary>
    string Scheme { get; }

    /// <summary>Verifies one delivery.</summary>
    /// <param name="request">The headers and raw body.</param>
    /// <returns>Success, or why verification failed; never the expected signature.</returns>
    WebhookVerificationResult Verify(WebhookRequest request);
}
