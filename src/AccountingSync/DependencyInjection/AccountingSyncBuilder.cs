using AccountingSync.Connectors;
using AccountingSync.Pipeline;
using AccountingSync.Routing;
using AccountingSync.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AccountingSync.DependencyInjection;

/// <summary>
/// Configures the SDK inside <c>services.AddAccountingSync(...)</c>. Packages add their own extensions to it
/// (<c>UseSqlite</c>, <c>AddWebhooks</c>, <c>AddPolling</c>, <c>AddBatchJob</c>), so an app references only what it uses.
/// </summary>
public sealed class AccountingSyncBuilder
{
    internal AccountingSyncBuilder(IServiceCollection services) => Services = services;

    /// <summary>Gets the service collection, for package extensions.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Keeps all state in process memory. The default; fine for tests, lost at every restart.</summary>
    /// <returns>The builder.</returns>
    public AccountingSyncBuilder UseInMemoryStores()
    {
        Services.Replace(ServiceDescriptor.Singleton(_ => SyncStores.InMemory()));
        return this;
    }

    /// <summary>Keeps state in the stores a factory builds; storage packages call this.</summary>
    /// <param name="factory">Builds the stores once.</param>
    /// <returns>The builder.</returns>
    public AccountingSyncBuilder UseStores(Func<IServiceProvider, SyncStores> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }

    /// <summary>Adds a target, and a pipeline for it, under a name.</summary>
    /// <param name="name">The target's name; the pipeline is resolved by it.</param>
    /// <param name="factory">Builds the target once.</param>
    /// <param name="configure">Configures this target's pipeline, after <see cref="ConfigurePipelines"/>.</param>
    /// <returns>The builder.</returns>
    public AccountingSyncBuilder AddTarget(
        string name, Func<IServiceProvider, ITargetConnector> factory, Action<SyncPipelineOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        Services.AddKeyedSingleton(name, (sp, _) => factory(sp));
        var options = Services.AddOptions<SyncPipelineOptions>(name).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return this;
    }

    /// <summary>Configures the pipelines of every target.</summary>
    /// <param name="configure">The configuration.</param>
    /// <returns>The builder.</returns>
    public AccountingSyncBuilder ConfigurePipelines(Action<SyncPipelineOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.ConfigureAll(configure);
        return this;
    }

    /// <summary>
    /// Encrypts OAuth tokens before the registered <see cref="Credentials.ITokenStore"/> stores them. Call it after
    /// the storage package's <c>UseSqlite</c> or <c>UsePostgreSql</c>, whose token store it wraps.
    /// </summary>
    /// <param name="protector">Builds the field protector once, for example an <see cref="Security.AesGcmFieldProtector"/>
    /// over keys from the host's secret store.</param>
    /// <returns>The builder.</returns>
    public AccountingSyncBuilder ProtectTokens(Func<IServiceProvider, Security.IFieldProtector> protector)
    {
        ArgumentNullException.ThrowIfNull(protector);
        var inner = Services.LastOrDefault(d => d.ServiceType == typeof(Credentials.ITokenStore) && !d.IsKeyedService);
        Func<IServiceProvider, Credentials.ITokenStore> createInner = inner switch
        {
            null => _ => new Credentials.InMemoryTokenStore(),
            { ImplementationInstance: Credentials.ITokenStore instance } => _ => instance,
            { ImplementationFactory: { } factory } => sp => (Credentials.ITokenStore)factory(sp),
            { ImplementationType: { } type } => sp => (Credentials.ITokenStore)ActivatorUtilities.CreateInstance(sp, type),
            _ => _ => new Credentials.InMemoryTokenStore(),
        };
        Services.Replace(ServiceDescriptor.Singleton<Credentials.ITokenStore>(
            sp => new Credentials.ProtectedTokenStore(createInner(sp), protector(sp))));
        return this;
    }

    /// <summary>Uses a router to pick each record's lane.</summary>
    /// <typeparam name="TRouter">The router type, resolved from the container.</typeparam>
    /// <returns>The builder.</returns>
    public AccountingSyncBuilder UseRouter<TRouter>()
        where TRouter : class, IRecordRouter
    {
        Services.Replace(ServiceDescriptor.Singleton<IRecordRouter, TRouter>());
        return this;
    }

    /// <summary>Uses a router that a factory builds, such as a <see cref="RuleRouter"/> over rules from configuration.</summary>
    /// <param name="factory">Builds the router once.</param>
    /// <returns>The builder.</returns>
    public AccountingSyncBuilder UseRouter(Func<IServiceProvider, IRecordRouter> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }

    /// <summary>Uses a validator in place of the built-in rules.</summary>
    /// <typeparam name="TValidator">The validator type, resolved from the container.</typeparam>
    /// <returns>The builder.</returns>
    public AccountingSyncBuilder UseValidator<TValidator>()
        where TValidator : class, IDocumentValidator
    {
        Services.Replace(ServiceDescriptor.Singleton<IDocumentValidator, TValidator>());
        return this;
    }
}
