namespace SimulatedStore;

/// <summary>What one call of <see cref="WebhookSender.SendAsync"/> did.</summary>
/// <param name="Invoices">The invoices that happened.</param>
/// <param name="Deliveries">The requests made, retries and echoes included.</param>
/// <param name="Dropped">The invoices whose webhook was never sent.</param>
public sealed record WebhookSendStats(int Invoices, int Deliveries, IReadOnlyList<string> Dropped);
