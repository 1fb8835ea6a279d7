namespace AccountingSync.Webhooks.Inbox;

/// <summary>A verified delivery could not be made durable; the endpoint answers 503 so the provider retries.</summary>
public sealed class WebhookInboxUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebhookInboxUnavailableException()
        : base("The webhook inbox could not store the delivery.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public WebhookInboxUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="innerException">The store's error.</param>
    public WebhookInboxUnavailableException(Exception innerException)
        : base("The webhook inbox could not store the delivery.", innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The store's error.</param>
    public WebhookInboxUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
