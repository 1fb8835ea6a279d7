namespace AccountingSync.Http.Polling;

/// <summary>
/// Settings of one polled endpoint registered with <c>AddPolling(p =&gt; p.AddEndpoint(name, ...))</c>: where the
/// provider is, what to poll, how often, and which target's pipeline the records go through.
/// </summary>
/// <remarks>
/// <para>
/// Named options, one instance per endpoint name; validated at start, with messages that name the endpoint and
/// the setting (<c>PollingScheduleOptions[shop].Interval must be between 1 and 60 minutes</c>). The endpoint's
/// name is also its stream name, so its checkpoint survives renaming the provider's entity, and two tenants of
/// one provider keep apart.
/// </para>
/// <para>Authentication is set on the endpoint's builder (<c>WithOAuth</c>, <c>WithApiKey</c>), not here.</para>
/// </remarks>
public sealed class PollingEndpointOptions
{
    /// <summary>Gets or sets the provider API's base address; <see cref="HttpPollingEndpoint.Path"/> is relative to it.</summary>
    /// <value>Defaults to none, which fails validation.</value>
    /// <remarks>An absolute address; end it with <c>/</c> when the path continues below it.</remarks>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets the listing to poll, such as one built by <see cref="XeroModifiedSince"/>.</summary>
    /// <value>Defaults to none, which fails validation.</value>
    public HttpPollingEndpoint? Endpoint { get; set; }

    /// <summary>Gets or sets the polling schedule.</summary>
    /// <value>Defaults to every 5 minutes with 10 % jitter.</value>
    public PollingScheduleOptions Schedule { get; set; } = new();

    /// <summary>Gets or sets the name of the target (registered with <c>AddTarget</c>) whose pipeline runs the records.</summary>
    /// <value>Set by <c>AddEndpoint</c>.</value>
    public string Target { get; set; } = string.Empty;
}
