using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AccountingSync.Webhooks.Tests.Infrastructure;

/// <summary>An answer of the fake API: status, JSON body, and an optional <c>Retry-After</c>.</summary>
internal sealed record FakeAnswer(int Status, string? Body = null, string? RetryAfter = null);

/// <summary>What the fake API was asked.</summary>
internal sealed record FakeRequest(string Path, string Query, string Accept, string Authorization, string Tenant);

/// <summary>
/// A provider's REST API on a real Kestrel at 127.0.0.1: every GET is recorded and answered by the scripted
/// answers queued for its path first, then by the provider-shaped default responder.
/// </summary>
internal sealed class FakeAccountingApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeAnswer>> _scripted = new(StringComparer.Ordinal);

    private FakeAccountingApi(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<FakeRequest> Received { get; } = new();

    public static async Task<FakeAccountingApi> StartAsync(Func<HttpRequest, FakeAnswer> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var api = new FakeAccountingApi(app);
        app.MapGet("/{**path}", async context =>
        {
            var request = context.Request;
            api.Received.Enqueue(new FakeRequest(
                request.Path.Value ?? string.Empty,
                request.QueryString.Value ?? string.Empty,
                request.Headers.Accept.ToString(),
                request.Headers.Authorization.ToString(),
                request.Headers["xero-tenant-id"].ToString()));
            var answer = api._scripted.TryGetValue(request.Path.Value ?? string.Empty, out var queue)
                && queue.TryDequeue(out var scripted)
                    ? scripted
                    : respond(request);
            context.Response.StatusCode = answer.Status;
            if (answer.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            if (answer.Body is { } body)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(body, context.RequestAborted);
            }
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        api.BaseAddress = new Uri(address + "/");
        return api;
    }

    /// <summary>Answers the next request to a path with the given answer, ahead of the default responder.</summary>
    public void Enqueue(string path, FakeAnswer answer) =>
        _scripted.GetOrAdd(path, _ => new ConcurrentQueue<FakeAnswer>()).Enqueue(answer);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
