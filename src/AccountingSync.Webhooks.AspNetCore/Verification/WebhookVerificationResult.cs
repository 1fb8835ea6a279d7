namespace AccountingSync.Webhooks.Verification;

/// <summary>The outcome of <see cref="IWebhookVerifier.Verify"/>: success, or a typed reason for the failure.</summary>
/// <remarks>
/// <see cref="Message"/> is safe to return to the caller: it names the header and what was wrong with it, and
/// never contains a secret or the signature the receiver expected.
/// </remarks>
public readonly record struct WebhookVerificationResult
{
    private WebhookVerificationResult(
        WebhookVerificationFailure failure, string? header, string? message, DateTimeOffset? timestamp)
    {
        Failure = failure;
        Header = header;
        Message = message;
        Timestamp = timestamp;
    }

    /// <summary>Gets a value indicating whether the delivery is authentic.</summary>
    public bool Succeeded => Failure == WebhookVerificationFailure.None;

    /// <summary>Gets why verification failed; <see cref="WebhookVerificationFailure.None"/> on success.</summary>
    public WebhookVerificationFailure Failure { get; }

    /// <summary>Gets the header the failure concerns, when one does.</summary>
    public string? Header { get; }

    /// <summary>Gets a description of the failure for the caller; null on success.</summary>
    public string? Message { get; }

    /// <summary>Gets the signed timestamp, for schemes that carry one.</summary>
    public DateTimeOffset? Timestamp { get; }

    /// <summary>Creates a success.</summary>
    /// <param name="timestamp">The signed timestamp, when the scheme has one.</param>
    /// <returns>The result.</returns>
    public static WebhookVerificationResult Success(DateTimeOffset? timestamp = null) =>
        new(WebhookVerificationFailure.None, null, null, timestamp);

    /// <summary>Creates a failure.</summary>
    /// <param name="failure">Why; not <see cref="WebhookVerificationFailure.None"/>.</param>
    /// <param name="header">The header concerned.</param>
    /// <param name="message">What was wrong, without secrets or expected signatures.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="failure"/> is <see cref="WebhookVerificationFailure.None"/>.
    /// </exception>
    public static WebhookVerificationResult Fail(WebhookVerificationFailure failure, string? header, string message)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(failure, WebhookVerificationFailure.None);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new(failure, header, message, null);
    }

    /// <inheritdoc />
    public override string ToString() => Succeeded ? "Verified" : $"{Failure}: {Message}";
}
