namespace AccountingSync.Webhooks.Processing;

/// <summary>A stored delivery's payload does not have the shape its provider documents.</summary>
/// <remarks>The message names the provider and the missing or malformed field, never payload values.</remarks>
public sealed class WebhookPayloadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebhookPayloadException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the field.</param>
    public WebhookPayloadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the field.</param>
    /// <param name="innerException">The parser's error.</param>
    public WebhookPayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
