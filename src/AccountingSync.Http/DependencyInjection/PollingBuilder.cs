using AccountingSync.Connectors;
using AccountingSync.Http.DependencyInjection.Internal;
using AccountingSync.Http.Polling;
using Microsoft.Extensions.DependencyInjection;

namespace AccountingSync.Http.DependencyInjection;

/// <summary>
/// Adds polled endpoints inside <c>AddAccountingSync(s =&gt; s.AddPolling(p =&gt; ...))</c>: one
/// <see cref="AddEndpoint"/> call per endpoint, each named (the name is its stream, its HTTP client and its key in
/// <see cref="IPollingJobs"/>).
/// </summary>
public sealed class PollingBuilder
{
    private readonly PollingRegistry _registry;

    internal PollingBuilder(IServiceCollection services, PollingRegistry registry)
    {
        Services = services;
        _registry = registry;
    }

    /// <summary>Gets the service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Adds an endpoint: a named HTTP client behind the SDK's resilience pipeline, an <see cref="HttpPollingSource"/>,
    /// and a <see cref="PollingJob"/> on the target's pipeline, polled by the hosted service on its schedule.
    /// </summary>
    /// <param name="name">The endpoint's name, unique among polled endpoints; also its checkpoint stream.</param>
    /// <param name="configure">Sets the base address, the listing and the schedule; validated at start.</param>
    /// <param name="mapper">Builds the endpoint's mapper once.</param>
    /// <param name="target">The target (registered with <c>AddTarget</c>) whose pipeline the records go through.</param>
    /// <returns>The endpoint's builder, to add authentication.</returns>
    /// <exception cref="InvalidOperationException">An endpoint of that name is already registered.</exception>
    public PollingEndpointBuilder AddEndpoint(
        string name, Action<PollingEndpointOptions> configure, Func<IServiceProvider, IRecordMapper> mapper, string target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        _registry.Add(name, mapper);
        Services.AddOptions<PollingEndpointOptions>(name)
            .Configure(o => o.Target = target)
            .Configure(configure)
            .ValidateOnStart();

        // The source keeps its client for the life of the app, so connections are recycled by the handler's pooled
        // lifetime (DNS changes are picked up) rather than by the factory rotating handlers under a live client.
        var client = Services.AddHttpClient(PollingRegistry.ClientName(name), (sp, http) =>
                http.BaseAddress = sp.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<PollingEndpointOptions>>()
                    .Get(name).BaseAddress)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        var resilience = AccountingSyncHttpClientBuilderExtensions.AddPipeline(client, limiter: null, configure: null);
        return new PollingEndpointBuilder(name, Services, client, resilience, _registry);
    }

    /// <summary>
    /// Polls a source of the host's own (any <see cref="ISourceConnector"/>, such as a provider SDK's listing) on a
    /// schedule, through a <see cref="PollingJob"/> on the target's pipeline, reachable by name in
    /// <see cref="IPollingJobs"/>.
    /// </summary>
    /// <param name="name">The job's name, unique among polled endpoints; the stream is the source's own name.</param>
    /// <param name="source">Builds the source once.</param>
    /// <param name="mapper">Builds the source's mapper once.</param>
    /// <param name="target">The target (registered with <c>AddTarget</c>) whose pipeline the records go through.</param>
    /// <param name="schedule">Sets the schedule; validated at start.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">A job of that name is already registered.</exception>
    public PollingBuilder AddSource(
        string name, Func<IServiceProvider, ISourceConnector> source, Func<IServiceProvider, IRecordMapper> mapper,
        string target, Action<PollingScheduleOptions>? schedule = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        _registry.AddSource(name, source, mapper);
        Services.AddOptions<PollingEndpointOptions>(name)
            .Configure(o =>
            {
                o.Target = target;
                schedule?.Invoke(o.Schedule);
            })
            .ValidateOnStart();
        return this;
    }
}
