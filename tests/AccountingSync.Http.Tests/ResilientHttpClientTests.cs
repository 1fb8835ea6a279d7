using System.Collections.Concurrent;
using System.Net;
using AccountingSync.Http.Resilience;
using AccountingSync.Resilience;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AccountingSync.Http.Tests;

/// <summary>A real Kestrel on 127.0.0.1 plays a throttling provider; the client under test uses the SDK's pipeline.</summary>
public sealed class ResilientHttpClientTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Path, DateTimeOffset At)> _requests = new();
    private WebApplication? _server;
    private int _throttled;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.MapGet("/invoices", (HttpContext context) =>
        {
            _requests.Enqueue(("/invoices", DateTimeOffset.UtcNow));
            if (Interlocked.Increment(ref _throttled) == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                context.Response.Headers["X-Rate-Limit-Problem"] = "minute";
                return Results.StatusCode(429);
            }

            return Results.Ok(new { invoices = Array.Empty<object>() });
        });
        _server.MapPost("/invoices", () =>
        {
            _requests.Enqueue(("POST /invoices", DateTimeOffset.UtcNow));
            return Results.BadRequest(new { error = "ValidationException" });
        });
        await _server.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private Uri BaseAddress => new(_server!.Urls.First());

    [Fact]
    public async Task Throttled_RequestWaitsRetryAfterAndTheWholeTenantPauses()
    {
        await using var limiter = new TargetRateLimiter(new TargetRateLimitOptions { Partition = "xero:t1", MaxConcurrentRequests = 5 });
        await using var services = new ServiceCollection()
            .AddHttpClient("xero", c => c.BaseAddress = BaseAddress)
            .AddAccountingSyncResilience(limiter).Services
            .BuildServiceProvider();
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("xero");

        using var response = await client.GetAsync(new Uri("/invoices", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var times = _requests.Where(r => r.Path == "/invoices").Select(r => r.At).ToList();
        Assert.Equal(2, times.Count);
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(900), "The retry did not wait for Retry-After.");
    }

    [Fact]
    public async Task ValidationError_IsNotRetried()
    {
        await using var services = new ServiceCollection()
            .AddHttpClient("qbo", c => c.BaseAddress = BaseAddress)
            .AddAccountingSyncResilience().Services
            .BuildServiceProvider();
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("qbo");

        using var response = await client.PostAsync(new Uri("/invoices", UriKind.Relative), new StringContent("{}"),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(_requests, r => r.Path == "POST /invoices");
        Assert.Equal(Connectors.ErrorClass.Permanent, HttpFailureClassifier.Classify(response).Error);
    }

    [Fact]
    public async Task RateLimitingHandler_PausesThePartitionOn429()
    {
        await using var limiter = new TargetRateLimiter(new TargetRateLimitOptions { Partition = "qbo:1" });
        var handler = new RateLimitingHandler(limiter) { InnerHandler = new HttpClientHandler() };
        using var client = new HttpClient(handler) { BaseAddress = BaseAddress };

        using var first = await client.GetAsync(new Uri("/invoices", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.NotNull(limiter.PausedUntil);
        var next = client.GetAsync(new Uri("/invoices", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.False(next.IsCompleted);
        using var second = await next;
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }
}
