using AccountingSync.DependencyInjection;
using AccountingSync.Pipeline;
using AccountingSync.Pipeline.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the AccountingSync SDK in a service collection.</summary>
public static class AccountingSyncServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SDK: in-memory stores unless a storage package replaces them, the system clock unless a
    /// <see cref="TimeProvider"/> is registered, pipeline options validated at start, and a
    /// <see cref="ISyncPipelineProvider"/> that hands out one pipeline per target.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures targets, stores and pipelines.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAccountingSync(this IServiceCollection services, Action<AccountingSyncBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => SyncStores.InMemory());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncPipelineOptions>, SyncPipelineOptionsValidator>());
        services.TryAddSingleton<ISyncPipelineProvider, SyncPipelineProvider>();
        configure(new AccountingSyncBuilder(services));
        return services;
    }
}
