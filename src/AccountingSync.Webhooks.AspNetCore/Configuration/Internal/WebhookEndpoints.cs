using AccountingSync.Webhooks.Processing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountingSync.Webhooks.Configuration.Internal;

/// <summary>Builds every configured endpoint once, on first use, from its validated options.</summary>
internal sealed class WebhookEndpoints(
    WebhookEndpointRegistry registry,
    IOptionsMonitor<WebhookEndpointOptions> options,
    TimeProvider time,
    IServiceProvider services,
    ILoggerFactory loggers)
{
    private readonly Lazy<IReadOnlyDictionary<string, WebhookEndpoint>> _endpoints = new(() =>
        registry.Names.ToDictionary(
            name => name,
            name =>
            {
                var settings = options.Get(name);
                var parser = services.GetKeyedService<IWebhookPayloadParser>(name)
                    ?? WebhookEndpointFactory.CreateParser(name, settings);
                return new WebhookEndpoint(name, settings, WebhookEndpointFactory.CreateVerifier(settings, time), parser);
            },
            StringComparer.Ordinal));

    /// <summary>Gets the logger of the request path, created once rather than per request.</summary>
    public ILogger Logger { get; } = loggers.CreateLogger("AccountingSync.Webhooks");

    public TimeProvider Time => time;

    public IReadOnlyCollection<WebhookEndpoint> All => [.. _endpoints.Value.Values];

    public WebhookEndpoint Get(string name) =>
        _endpoints.Value.TryGetValue(name, out var endpoint)
            ? endpoint
            : throw new InvalidOperationException($"No webhook endpoint is named '{name}'; add it with AddWebhooks(...).");

    public bool TryGet(string name, out WebhookEndpoint endpoint) => _endpoints.Value.TryGetValue(name, out endpoint!);
}
