using System.Text.RegularExpressions;
using AccountingSync.Connectors;
using AccountingSync.Webhooks.Configuration.Internal;
using AccountingSync.Webhooks.Inbox;
using AccountingSync.Webhooks.Processing;
using AccountingSync.Webhooks.Verification;
using Microsoft.Extensions.DependencyInjection;

namespace AccountingSync.Webhooks.Configuration;

/// <summary>
/// Configures webhook endpoints inside <c>AddAccountingSync(s =&gt; s.AddWebhooks(w =&gt; ...))</c>: one
/// <c>Add*</c> call per endpoint, each named (the name is its route segment and its inbox provider).
/// </summary>
/// <remarks>Map the configured endpoints with <c>app.MapAccountingSyncWebhooks("/webhooks")</c>.</remarks>
public sealed partial class WebhooksBuilder
{
    private readonly WebhookEndpointRegistry _registry;

    internal WebhooksBuilder(IServiceCollection services, WebhookEndpointRegistry registry)
    {
        Services = services;
        _registry = registry;
    }

    /// <summary>Gets the service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adds a Standard Webhooks endpoint (<c>webhook-*</c> headers, <c>whsec_</c>/<c>whpk_</c> secrets).</summary>
    /// <param name="name">The endpoint's name: letters, digits, <c>-</c>, <c>_</c> or <c>.</c>.</param>
    /// <param name="configure">Sets secrets and other settings.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The name is not a valid route segment.</exception>
    /// <exception cref="InvalidOperationException">An endpoint of that name exists.</exception>
    public WebhooksBuilder AddStandardWebhooks(string name, Action<WebhookEndpointOptions> configure) =>
        Add(name, WebhookProvider.StandardWebhooks, configure);

    /// <summary>Adds a Svix endpoint (<c>svix-*</c> headers, <c>whsec_</c> secrets).</summary>
    /// <inheritdoc cref="AddStandardWebhooks" path="/param|/returns|/exception" />
    public WebhooksBuilder AddSvix(string name, Action<WebhookEndpointOptions> configure) =>
        Add(name, WebhookProvider.Svix, configure);

    /// <summary>Adds a Stripe endpoint; secrets are the endpoint's <c>whsec_...</c> signing secrets.</summary>
    /// <inheritdoc cref="AddStandardWebhooks" path="/param|/returns|/exception" />
    public WebhooksBuilder AddStripe(string name, Action<WebhookEndpointOptions> configure) =>
        Add(name, WebhookProvider.Stripe, configure);

    /// <summary>Adds a Shopify endpoint; secrets are the app's client secrets.</summary>
    /// <inheritdoc cref="AddStandardWebhooks" path="/param|/returns|/exception" />
    public WebhooksBuilder AddShopify(string name, Action<WebhookEndpointOptions> configure) =>
        Add(name, WebhookProvider.Shopify, configure);

    /// <summary>Adds a QuickBooks Online endpoint; secrets are webhook verifier tokens (not the OAuth client secret).</summary>
    /// <inheritdoc cref="AddStandardWebhooks" path="/param|/returns|/exception" />
    public WebhooksBuilder AddQuickBooks(string name, Action<WebhookEndpointOptions> configure) =>
        Add(name, WebhookProvider.QuickBooks, configure);

    /// <summary>Adds a Xero endpoint; secrets are webhook keys. Failures answer 401 with an empty body.</summary>
    /// <inheritdoc cref="AddStandardWebhooks" path="/param|/returns|/exception" />
    public WebhooksBuilder AddXero(string name, Action<WebhookEndpointOptions> configure) =>
        Add(name, WebhookProvider.Xero, configure);

    /// <summary>
    /// Adds a Square endpoint; set the signature keys and the exact <see cref="WebhookEndpointOptions.NotificationUrl"/>.
    /// </summary>
    /// <inheritdoc cref="AddStandardWebhooks" path="/param|/returns|/exception" />
    public WebhooksBuilder AddSquare(string name, Action<WebhookEndpointOptions> configure) =>
        Add(name, WebhookProvider.Square, configure);

    /// <summary>Adds a GitHub endpoint; secrets are the webhook secrets.</summary>
    /// <inheritdoc cref="AddStandardWebhooks" path="/param|/returns|/exception" />
    public WebhooksBuilder AddGitHub(string name, Action<WebhookEndpointOptions> configure) =>
        Add(name, WebhookProvider.GitHub, configure);

    /// <summary>Adds an endpoint for any other provider, described by an HMAC scheme.</summary>
    /// <param name="name">The endpoint's name.</param>
    /// <param name="scheme">The provider's scheme; its tolerance is replaced by <see cref="WebhookEndpointOptions.Tolerance"/>.</param>
    /// <param name="configure">Sets secrets and other settings.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The name is not a valid route segment.</exception>
    public WebhooksBuilder AddGenericHmac(string name, HmacSignatureScheme scheme, Action<WebhookEndpointOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(configure);
        return Add(name, WebhookProvider.GenericHmac, o =>
        {
            o.GenericScheme = scheme;
            configure(o);
        });
    }

    /// <summary>Sets the mapper that turns an endpoint's changes into documents; required when it has a target.</summary>
    /// <param name="endpoint">The endpoint's name.</param>
    /// <param name="factory">Builds the mapper once.</param>
    /// <returns>The builder.</returns>
    public WebhooksBuilder UseMapper(string endpoint, Func<IServiceProvider, IRecordMapper> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        ArgumentNullException.ThrowIfNull(factory);
        Services.AddKeyedSingleton(endpoint, (sp, _) => factory(sp));
        _registry.AddMapper(endpoint);
        return this;
    }

    /// <summary>Replaces the built-in payload parser of an endpoint.</summary>
    /// <param name="endpoint">The endpoint's name.</param>
    /// <param name="factory">Builds the parser once.</param>
    /// <returns>The builder.</returns>
    public WebhooksBuilder UseParser(string endpoint, Func<IServiceProvider, IWebhookPayloadParser> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        ArgumentNullException.ThrowIfNull(factory);
        Services.AddKeyedSingleton(endpoint, (sp, _) => factory(sp));
        return this;
    }

    /// <summary>Fetches the entities an endpoint's thin notifications name before they are mapped.</summary>
    /// <param name="endpoint">The endpoint's name.</param>
    /// <param name="factory">Builds the fetcher once.</param>
    /// <returns>The builder.</returns>
    public WebhooksBuilder UseEntityFetcher(string endpoint, Func<IServiceProvider, IWebhookEntityFetcher> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        ArgumentNullException.ThrowIfNull(factory);
        Services.AddKeyedSingleton(endpoint, (sp, _) => factory(sp));
        return this;
    }

    /// <summary>Configures the inbox writer.</summary>
    /// <param name="configure">The configuration.</param>
    /// <returns>The builder.</returns>
    public WebhooksBuilder ConfigureInbox(Action<WebhookInboxOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Configures the background processor.</summary>
    /// <param name="configure">The configuration.</param>
    /// <returns>The builder.</returns>
    public WebhooksBuilder ConfigureProcessing(Action<WebhookProcessingOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    private WebhooksBuilder Add(string name, WebhookProvider provider, Action<WebhookEndpointOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        if (string.IsNullOrEmpty(name) || !RouteSegment().IsMatch(name))
        {
            throw new ArgumentException(
                $"The endpoint name '{name}' must be letters, digits, '-', '_' or '.', as it becomes a route segment.", nameof(name));
        }

        _registry.Add(name);
        Services.AddOptions<WebhookEndpointOptions>(name)
            .Configure(o => o.Provider = provider)
            .Configure(configure)
            .ValidateOnStart();
        return this;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex RouteSegment();
}
