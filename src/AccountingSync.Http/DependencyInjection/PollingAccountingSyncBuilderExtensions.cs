using AccountingSync.Http.Authentication;
using AccountingSync.Http.DependencyInjection;
using AccountingSync.Http.DependencyInjection.Internal;
using AccountingSync.Http.Polling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountingSync.DependencyInjection;

/// <summary>Adds REST polling to <see cref="AccountingSyncBuilder"/>.</summary>
public static class PollingAccountingSyncBuilderExtensions
{
    /// <summary>
    /// Adds polled endpoints, the <see cref="PollingHostedService"/> that runs their schedules, and
    /// <see cref="IPollingJobs"/> for on-demand polls that share the schedules' state.
    /// </summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="configure">Adds the endpoints.</param>
    /// <returns>The builder.</returns>
    /// <remarks>
    /// May be called more than once; endpoints accumulate. Every endpoint, schedule, OAuth and API key setting is
    /// validated at start, with messages that name the endpoint and the setting.
    /// </remarks>
    public static AccountingSyncBuilder AddPolling(this AccountingSyncBuilder builder, Action<PollingBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        var registry = services.FirstOrDefault(d => d.ServiceType == typeof(PollingRegistry))?.ImplementationInstance
            as PollingRegistry;
        if (registry is null)
        {
            registry = new PollingRegistry();
            services.AddSingleton(registry);
            services.AddHttpClient(PollingRegistry.TokenClientName)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            services.AddSingleton<OAuthTokenProviders>();
            services.AddSingleton<PollingJobs>();
            services.AddSingleton<IPollingJobs>(sp => sp.GetRequiredService<PollingJobs>());
            services.AddHostedService(sp => new PollingHostedService(
                sp.GetRequiredService<PollingJobs>().All,
                sp.GetService<TimeProvider>(),
                sp.GetService<ILogger<PollingHostedService>>()));
            services.AddSingleton<IValidateOptions<PollingEndpointOptions>, PollingEndpointOptionsValidator>();
            services.AddSingleton<IValidateOptions<OAuthClientOptions>, PollingOAuthOptionsValidator>();
            services.AddSingleton<IValidateOptions<ApiKeyOptions>>(sp =>
                new RegisteredNameValidator<ApiKeyOptions, ApiKeyOptionsValidator>(
                    registry, static (r, name) => r.HasApiKey(name)));
        }

        configure(new PollingBuilder(services, registry));
        return builder;
    }
}
