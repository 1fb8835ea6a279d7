namespace SimulatedStore;

/// <summary>How badly the store's webhook deliveries behave; all choices come from <see cref="Seed"/>.</summary>
public sealed record WebhookFaults
{
    /// <summary>Gets the share of invoices whose webhook is never delivered.</summary>
    public double DropRate { get; init; } = 0.03;

    /// <summary>Gets the share of deliveries sent twice with the same webhook id, as a provider's retry does.</summary>
    public double RetryRate { get; init; } = 0.08;

    /// <summary>Gets the share of invoices also announced by an <c>invoices/updated</c> event that changes nothing.</summary>
    public double EchoRate { get; init; } = 0.05;

    /// <summary>Gets how many consecutive deliveries are shuffled among themselves.</summary>
    public int ReorderWindow { get; init; } = 8;

    /// <summary>Gets how many deliveries are in flight at once.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Gets the random seed.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Gets deliveries that behave: none dropped, repeated or reordered.</summary>
    public static WebhookFaults None { get; } = new() { DropRate = 0, RetryRate = 0, EchoRate = 0, ReorderWindow = 1 };
}
