using AccountingSync.Webhooks.Configuration;
using AccountingSync.Inbox;
using AccountingSync.Webhooks.Configuration.Internal;
using AccountingSync.Webhooks.Inbox;
using AccountingSync.Webhooks.Inbox.Internal;
using AccountingSync.Webhooks.Processing;
using AccountingSync.Webhooks.Processing.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountingSync.DependencyInjection;

/// <summary>Adds webhook endpoints to <see cref="AccountingSyncBuilder"/>.</summary>
public static class WebhooksAccountingSyncBuilderExtensions
{
    /// <summary>
    /// Adds webhook endpoints, the group-committed inbox writer, the background processor and
    /// <see cref="WebhookReplayer"/>. The inbox is an <see cref="InMemoryInboxStore"/> unless an
    /// <see cref="IInboxStore"/> is registered (a storage package does this); use a durable one in production.
    /// </summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="configure">Adds the endpoints.</param>
    /// <returns>The builder.</returns>
    /// <remarks>May be called more than once; endpoints accumulate. All settings are validated at start.</remarks>
    public static AccountingSyncBuilder AddWebhooks(this AccountingSyncBuilder builder, Action<WebhooksBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        var registry = services.FirstOrDefault(d => d.ServiceType == typeof(WebhookEndpointRegistry))?.ImplementationInstance
            as WebhookEndpointRegistry;
        if (registry is null)
        {
            registry = new WebhookEndpointRegistry();
            services.AddSingleton(registry);
            services.AddRouting();
            services.AddProblemDetails();
            services.TryAddSingleton<IInboxStore, InMemoryInboxStore>();
            services.TryAddSingleton<InboxSignal>();
            services.TryAddSingleton<WebhookEndpoints>();
            services.TryAddSingleton(sp => new GroupCommitInboxWriter(
                sp.GetRequiredService<IInboxStore>(),
                sp.GetRequiredService<IOptions<WebhookInboxOptions>>(),
                sp.GetRequiredService<InboxSignal>(),
                sp.GetRequiredService<ILogger<GroupCommitInboxWriter>>(),
                sp.GetService<TimeProvider>()));
            services.TryAddSingleton(sp => new WebhookReplayer(
                sp.GetRequiredService<IInboxStore>(),
                sp.GetRequiredService<InboxSignal>(),
                sp.GetRequiredService<ILogger<WebhookReplayer>>()));
            services.TryAddSingleton(sp => new WebhookInboxProcessor(
                sp.GetRequiredService<IInboxStore>(),
                sp,
                sp.GetRequiredService<IOptions<WebhookProcessingOptions>>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<WebhookInboxProcessor>>(),
                sp.GetRequiredService<WebhookEndpoints>(),
                sp.GetRequiredService<InboxSignal>()));
            services.AddHostedService(sp => sp.GetRequiredService<WebhookInboxProcessor>());
            services.TryAddEnumerable(
                ServiceDescriptor.Singleton<IValidateOptions<WebhookEndpointOptions>, WebhookEndpointOptionsValidator>());
            services.TryAddEnumerable(
                ServiceDescriptor.Singleton<IValidateOptions<WebhookProcessingOptions>, WebhookProcessingOptionsValidator>());
            services.TryAddEnumerable(
                ServiceDescriptor.Singleton<IValidateOptions<WebhookInboxOptions>, WebhookProcessingOptionsValidator>());
            services.AddOptions<WebhookProcessingOptions>().ValidateOnStart();
            services.AddOptions<WebhookInboxOptions>().ValidateOnStart();
        }

        configure(new WebhooksBuilder(services, registry));
        return builder;
    }
}
