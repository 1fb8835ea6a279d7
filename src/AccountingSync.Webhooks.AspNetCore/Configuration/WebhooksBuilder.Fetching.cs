using AccountingSync.Webhooks.Fetching;
using Microsoft.Extensions.DependencyInjection;

namespace AccountingSync.Webhooks.Configuration;

/// <summary>The REST entity fetchers of <see cref="WebhooksBuilder"/>.</summary>
public sealed partial class WebhooksBuilder
{
    /// <summary>
    /// Fetches the entities a QuickBooks Online endpoint's notifications name through the named
    /// <see cref="HttpClient"/>, with <see cref="QuickBooksEntityFetcher"/>.
    /// </summary>
    /// <param name="endpoint">The QuickBooks endpoint's name.</param>
    /// <param name="httpClientName">
    /// The client registered with <c>AddHttpClient(name, c =&gt; c.BaseAddress = ...)</c>, carrying the company's
    /// OAuth handler and any resilience pipeline.
    /// </param>
    /// <param name="minorVersion">The API minor version to pin, or null for the provider's base version.</param>
    /// <returns>The builder.</returns>
    public WebhooksBuilder UseQuickBooksEntityFetcher(string endpoint, string httpClientName, string? minorVersion = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(httpClientName);
        Services.AddHttpClient();
        return UseEntityFetcher(endpoint, sp => new QuickBooksEntityFetcher(
            sp.GetRequiredService<IHttpClientFactory>(), httpClientName, sp.GetService<TimeProvider>())
        {
            MinorVersion = minorVersion,
        });
    }

    /// <summary>
    /// Fetches the entities a Xero endpoint's events name through the named <see cref="HttpClient"/>, with
    /// <see cref="XeroEntityFetcher"/>.
    /// </summary>
    /// <param name="endpoint">The Xero endpoint's name.</param>
    /// <param name="httpClientName">
    /// The client registered with <c>AddHttpClient(name, c =&gt; c.BaseAddress = ...)</c>, carrying the OAuth
    /// handler and any resilience pipeline; the tenant header is set per request from the event.
    /// </param>
    /// <returns>The builder.</returns>
    public WebhooksBuilder UseXeroEntityFetcher(string endpoint, string httpClientName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(httpClientName);
        Services.AddHttpClient();
        return UseEntityFetcher(endpoint, sp => new XeroEntityFetcher(
            sp.GetRequiredService<IHttpClientFactory>(), httpClientName, sp.GetService<TimeProvider>()));
    }
}
