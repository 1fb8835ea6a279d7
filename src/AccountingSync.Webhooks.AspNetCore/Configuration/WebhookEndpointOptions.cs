using AccountingSync.Webhooks.Verification;

namespace AccountingSync.Webhooks.Configuration;

/// <summary>
/// Settings of one webhook endpoint, named after it (the name is the route segment and the inbox's provider).
/// Set through the <c>Add*</c> methods of <see cref="WebhooksBuilder"/>, validated when the host starts.
/// </summary>
public sealed class WebhookEndpointOptions
{
    /// <summary>The default <see cref="MaxBodySize"/>: 1 MiB.</summary>
    public const long DefaultMaxBodySize = 1024 * 1024;

    /// <summary>Gets or sets the provider; set by the <c>Add*</c> method that registered the endpoint.</summary>
    public WebhookProvider Provider { get; set; }

    /// <summary>
    /// Gets or sets the active secrets, as the provider shows them (signing secret, verifier token, webhook key, signature
    /// key). Keep two while rotating: a delivery signed with either is accepted.
    /// </summary>
    /// <value>Empty by default.</value>
    /// <remarks>At least one, none empty. Never logged.</remarks>
    public IList<string> Secrets { get; set; } = [];

    /// <summary>Gets or sets the replay window of schemes that sign a timestamp.</summary>
    /// <value>Defaults to 5 minutes.</value>
    /// <remarks>Between 1 second and 1 hour.</remarks>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the largest body accepted; larger requests get 413 before anything is parsed.</summary>
    /// <value>Defaults to <see cref="DefaultMaxBodySize"/> (1 MiB).</value>
    /// <remarks>Between 1 KiB and 64 MiB.</remarks>
    public long MaxBodySize { get; set; } = DefaultMaxBodySize;

    /// <summary>Gets or sets the accepted media types (parameters such as charset are ignored); others get 415.</summary>
    /// <value>Defaults to <c>application/json</c>.</value>
    public IList<string> ContentTypes { get; set; } = ["application/json"];

    /// <summary>Gets or sets the notification URL exactly as registered with Square (Square only).</summary>
    /// <value>Defaults to none; required for <see cref="WebhookProvider.Square"/>.</value>
    public string? NotificationUrl { get; set; }

    /// <summary>Gets or sets the scheme of a <see cref="WebhookProvider.GenericHmac"/> endpoint.</summary>
    /// <value>Defaults to none; required for generic endpoints.</value>
    public HmacSignatureScheme? GenericScheme { get; set; }

    /// <summary>Gets or sets the header that carries a generic endpoint's event id.</summary>
    /// <value>Defaults to none: the id is derived from the body's SHA-256.</value>
    public string? EventIdHeader { get; set; }

    /// <summary>Gets or sets the source system named in the identities of this endpoint's changes.</summary>
    /// <value>Defaults to the endpoint's name.</value>
    /// <remarks>
    /// Give the polling connector of the same system the same name, so both lanes' changes to one entity share
    /// an identity and are written once, in order.
    /// </remarks>
    public string? SourceSystem { get; set; }

    /// <summary>Gets or sets the target whose pipeline this endpoint's events are processed into.</summary>
    /// <value>Defaults to none, which is valid only where processing is turned off (a receive-only instance).</value>
    /// <remarks>
    /// A target registered with <c>AddTarget</c>; the endpoint then needs a mapper, set with
    /// <see cref="WebhooksBuilder.UseMapper"/>.
    /// </remarks>
    public string? Target { get; set; }
}
