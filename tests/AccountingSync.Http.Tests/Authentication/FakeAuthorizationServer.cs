using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AccountingSync.Http.Tests.Authentication;

/// <summary>
/// An OAuth 2.0 token endpoint and a protected API on a real Kestrel at 127.0.0.1, following RFC 6749 as
/// QuickBooks and Xero apply it: client authentication by Basic header, a new refresh token at every refresh with
/// the old one retired at once (reuse is <c>invalid_grant</c>), bearer tokens the API can expire on demand.
/// </summary>
internal sealed class FakeAuthorizationServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, bool> _accessTokens = new();
    private readonly ConcurrentDictionary<string, bool> _refreshTokens = new();
    private WebApplication? _app;
    private int _issued;
    private int _tokenRequests;
    private int _apiRequests;

    public const string ClientId = "client-1";
    public const string ClientSecret = "s3cret-value";

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    public int ApiRequests => Volatile.Read(ref _apiRequests);

    /// <summary>Gets or sets a hook run on each authorised API request with its access token.</summary>
    public Action<string>? OnApiRequest { get; set; }

    /// <summary>Gets or sets a value indicating whether the API refuses every token.</summary>
    public bool RefuseAll { get; set; }

    /// <summary>Gets or sets how long token requests take, to make callers overlap.</summary>
    public TaskCompletionSource? TokenGate { get; set; }

    public Uri BaseAddress => new(_app!.Urls.First() + "/");

    public Uri TokenEndpoint => new(BaseAddress, "token");

    public string IssueRefreshToken()
    {
        var token = "rt-" + Interlocked.Increment(ref _issued);
        _refreshTokens[token] = true;
        return token;
    }

    public bool IsValid(string accessToken) => _accessTokens.ContainsKey(accessToken);

    public void ExpireAccessTokens() => _accessTokens.Clear();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/token", (Func<HttpContext, Task<IResult>>)TokenAsync);
        _app.MapGet("/api/data", (HttpContext context) =>
        {
            Interlocked.Increment(ref _apiRequests);
            var header = context.Request.Headers.Authorization.ToString();
            var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : string.Empty;
            if (RefuseAll || !_accessTokens.ContainsKey(token))
            {
                return Results.Unauthorized();
            }

            OnApiRequest?.Invoke(token);
            return Results.Ok(new { ok = true });
        });
        await _app.StartAsync(cancellationToken);
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        Interlocked.Increment(ref _tokenRequests);
        if (TokenGate is { } gate)
        {
            await gate.Task;
        }

        var expected = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        if (context.Request.Headers.Authorization.ToString() != expected)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        var form = await context.Request.ReadFormAsync();
        string? refresh = null;
        switch (form["grant_type"].ToString())
        {
            case "client_credentials":
                break;
            case "refresh_token" when _refreshTokens.TryRemove(form["refresh_token"].ToString(), out _):
                refresh = IssueRefreshToken();
                break;
            default:
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }

        var access = "at-" + Guid.NewGuid().ToString("N");
        _accessTokens[access] = true;
        return Results.Json(new Dictionary<string, object?>
        {
            ["access_token"] = access, ["token_type"] = "bearer", ["expires_in"] = 3600,
            ["refresh_token"] = refresh, ["x_refresh_token_expires_in"] = 8_726_400,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
