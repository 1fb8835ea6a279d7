namespace AccountingSync.Http.Authentication;

/// <summary>Settings of an API key connection, for <see cref="ApiKeyHandler"/> when registered through DI.</summary>
/// <remarks>
/// The key is a secret: it is sent only to the provider and never logged or put in an exception. Bindable from
/// configuration; validated at start by <see cref="ApiKeyOptionsValidator"/>.
/// </remarks>
public sealed class ApiKeyOptions
{
    /// <summary>Gets or sets the header or query parameter name.</summary>
    /// <value>Defaults to <c>X-Api-Key</c>.</value>
    public string Name { get; set; } = "X-Api-Key";

    /// <summary>Gets or sets the key.</summary>
    /// <value>Defaults to empty, which fails validation.</value>
    public string Key { get; set; } = string.Empty;

    /// <summary>Gets or sets where the key goes.</summary>
    /// <value>Defaults to <see cref="ApiKeyLocation.Header"/>.</value>
    public ApiKeyLocation Location { get; set; }
}
