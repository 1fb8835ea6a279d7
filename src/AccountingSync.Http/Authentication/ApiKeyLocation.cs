namespace AccountingSync.Http.Authentication;

/// <summary>Where an API key travels.</summary>
public enum ApiKeyLocation
{
    /// <summary>In a request header (for example <c>X-Api-Key</c>).</summary>
    Header = 0,

    /// <summary>In a query parameter (for example <c>api_key</c>); only for providers that accept nothing else.</summary>
    Query = 1,
}
