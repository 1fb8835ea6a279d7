using SimulatedStore;

namespace HybridSync;

/// <summary>What the simulated day looks like and how badly its parts behave.</summary>
public sealed record ScenarioOptions
{
    /// <summary>Gets an export to trade from (the <c>online_retail_prefix.csv</c> format), or null to generate a day.</summary>
    public string? InputFile { get; init; }

    /// <summary>Gets where the databases and reports go.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Gets how many invoices a generated day has.</summary>
    public int GeneratedInvoices { get; init; } = 120;

    /// <summary>Gets the seed of every random choice.</summary>
    public int Seed { get; init; } = 2026;

    /// <summary>Gets how the store's webhooks misbehave.</summary>
    public WebhookFaults Webhooks { get; init; } = new();

    /// <summary>Gets the share of the books' calls that answer 503 or 429.</summary>
    public double TargetFaultRate { get; init; } = 0.05;

    /// <summary>Gets how many afternoon invoices the books refuse during their outage.</summary>
    public int OutageInvoices { get; init; } = 2;

    /// <summary>Gets every how many listing calls the store's API answers 429; never when 0.</summary>
    public int ApiThrottleEvery { get; init; } = 2;
}
