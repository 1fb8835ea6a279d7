using System.Net;
using System.Text;
using AccountingSync.Inbox;
using AccountingSync.Webhooks.Tests.Endpoints;
using AccountingSync.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AccountingSync.Webhooks.Tests.Interop;

public sealed class ProviderLibraryInteropTests
{
    private const string StripeSecret = "whsec_interop_5f0c2b8e9d";
    private const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SvixSecret = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private const string GitHubSecret = "It's a Secret to Everybody";

    public static TheoryData<string, string> Deliveries() => new()
    {
        { "stripe", "{\"id\":\"evt_interop\",\"type\":\"invoice.paid\",\"data\":{\"object\":{\"id\":\"in_1\",\"object\":\"invoice\"}}}" },
        { "standard-webhooks", "{\"type\":\"invoice.created\",\"memo\":\"Käse & Brot – 12,50 €\\tnet\"}\n" },
        { "svix", "{\"type\":\"payment.succeeded\",\"note\":\"emoji 🧾 and CRLF\\r\\n\"}\r\n" },
        { "github", "{\"action\":\"opened\",\"number\":1,\"title\":\"naïve café\"}" },
    };

    [Theory]
    [MemberData(nameof(Deliveries))]
    public async Task Post_SignedByProviderLibrary_IsAcceptedAndStored(string provider, string body)
    {
        await using var host = await StartAsync();
        var id = $"msg_{provider}_{Guid.NewGuid():N}";
        var headers = (await NodeSigner.SignAsync([new SignRequest(provider, Secret(provider), body, id, Signatures.Now())]))[0];

        using var response = await SendAsync(host, provider, Encoding.UTF8.GetBytes(body), headers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = Assert.Single(
            await host.Inbox.ListAsync(new InboxQuery { Provider = provider }, TestContext.Current.CancellationToken));
        Assert.Equal(body, Encoding.UTF8.GetString(stored.Body.Span));
    }

    [Theory]
    [MemberData(nameof(Deliveries))]
    public async Task Post_SignedByProviderLibraryThenTampered_IsRejected(string provider, string body)
    {
        await using var host = await StartAsync();
        var headers = (await NodeSigner.SignAsync([new SignRequest(provider, Secret(provider), body, "msg_t", Signatures.Now())]))[0];

        using var response = await SendAsync(host, provider, Encoding.UTF8.GetBytes(body + " "), headers);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await host.Inbox.ListAsync(new InboxQuery(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Post_StripeLibrarySignatureOutsideTolerance_IsRejected()
    {
        await using var host = await StartAsync();
        const string body = "{\"id\":\"evt_old\"}";
        var headers = (await NodeSigner.SignAsync([new SignRequest("stripe", StripeSecret, body, "x", Signatures.Now() - 600)]))[0];

        using var response = await SendAsync(host, "stripe", Encoding.UTF8.GetBytes(body), headers);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("timestamp-outside-tolerance", problem, StringComparison.Ordinal);
    }

    private static string Secret(string provider) => provider switch
    {
        "stripe" => StripeSecret,
        "standard-webhooks" => StandardSecret,
        "svix" => SvixSecret,
        _ => GitHubSecret,
    };

    private static Task<WebhookTestHost> StartAsync() => WebhookTestHost.StartAsync(w =>
    {
        w.AddStripe("stripe", o => Configure(o, StripeSecret))
            .AddStandardWebhooks("standard-webhooks", o => Configure(o, StandardSecret))
            .AddSvix("svix", o => Configure(o, SvixSecret))
            .AddGitHub("github", o => Configure(o, GitHubSecret));
        foreach (var name in new[] { "stripe", "standard-webhooks", "svix", "github" })
        {
            w.UseMapper(name, sp => sp.GetRequiredService<ContactMapper>());
        }
    });

    private static void Configure(Configuration.WebhookEndpointOptions options, string secret)
    {
        options.Secrets.Add(secret);
        options.Target = "books";
    }

    private static async Task<HttpResponseMessage> SendAsync(
        WebhookTestHost host, string provider, byte[] body, Dictionary<string, string> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/" + provider) { Content = WebhookEndpointTests.Json(body) };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
