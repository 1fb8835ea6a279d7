using AccountingSync.Webhooks.Configuration.Internal;
using AccountingSync.Webhooks.Endpoints;
using AccountingSync.Webhooks.Endpoints.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the webhook endpoints configured with <c>AddWebhooks</c>.</summary>
public static class WebhookEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps one POST route per configured endpoint under a prefix: endpoint <c>shop</c> answers at
    /// <c>{prefix}/shop</c>. Returns the route group, so authorization, rate limiting or host filters can be added.
    /// </summary>
    /// <param name="endpoints">The route builder (the web application).</param>
    /// <param name="prefix">The route prefix.</param>
    /// <returns>The route group of the webhook routes.</returns>
    /// <exception cref="InvalidOperationException"><c>AddWebhooks</c> was not called.</exception>
    public static RouteGroupBuilder MapAccountingSyncWebhooks(this IEndpointRouteBuilder endpoints, string prefix = "/webhooks")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var registry = Registry(endpoints);
        var group = endpoints.MapGroup(prefix);
        foreach (var name in registry.Names)
        {
            Map(group, "/" + name, name);
        }

        return group;
    }

    /// <summary>Maps one configured endpoint at a route of its own.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route, such as <c>/hooks/stripe</c>.</param>
    /// <param name="name">The endpoint's configured name.</param>
    /// <returns>The endpoint's convention builder.</returns>
    /// <exception cref="InvalidOperationException">No endpoint of that name is configured.</exception>
    public static IEndpointConventionBuilder MapAccountingSyncWebhook(this IEndpointRouteBuilder endpoints, string pattern, string name)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (!Registry(endpoints).Contains(name))
        {
            throw new InvalidOperationException($"No webhook endpoint is named '{name}'; add it with AddWebhooks(...).");
        }

        return Map(endpoints, pattern, name);
    }

    private static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, string pattern, string name)
    {
        // Resolved once from the root provider: the handler needs only singletons, so a request never pays for
        // a service scope.
        var handler = new WebhookRequestHandler(endpoints.ServiceProvider, name);
        return endpoints.MapPost(pattern, (RequestDelegate)handler.HandleAsync)
            .WithDisplayName($"AccountingSync webhook '{name}'")
            .WithMetadata(new WebhookEndpointMetadata(name));
    }

    private static WebhookEndpointRegistry Registry(IEndpointRouteBuilder endpoints) =>
        endpoints.ServiceProvider.GetService<WebhookEndpointRegistry>()
            ?? throw new InvalidOperationException("Webhooks are not configured: call AddAccountingSync(s => s.AddWebhooks(...)) first.");
}
