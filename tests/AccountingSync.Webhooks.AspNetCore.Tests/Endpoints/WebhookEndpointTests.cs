using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AccountingSync.Inbox;
using AccountingSync.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AccountingSync.Webhooks.Tests.Endpoints;

public sealed class WebhookEndpointTests
{
    internal const string StripeSecret = "whsec_test_4eC39HqLyjWDarjtT1zdp7dc";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Post_ValidStripeEvent_StoresBeforeAckAndProcessesOnce()
    {
        await using var host = await StartStripeAsync();
        var body = StripeEvent("evt_1", "in_1");

        using var response = await SendStripeAsync(host, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await host.Inbox.ListAsync(new InboxQuery { Provider = "stripe" }, TestContext.Current.CancellationToken);
        Assert.Equal("evt_1", Assert.Single(stored).EventId);
        Assert.Equal(body, Assert.Single(stored).Body.ToArray());
        await host.Target.WaitForWritesAsync(1, Patience);
        Assert.Equal(1, host.Target.WritesPerEntity[new("stripe", "invoice", "in_1")]);
    }

    [Fact]
    public async Task Post_SameEventTwice_AcknowledgesBothAndStoresOnce()
    {
        await using var host = await StartStripeAsync();
        var body = StripeEvent("evt_dup", "in_dup");

        using var first = await SendStripeAsync(host, body);
        using var second = await SendStripeAsync(host, body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(await host.Inbox.ListAsync(new InboxQuery(), TestContext.Current.CancellationToken));
        await host.Target.WaitForWritesAsync(1, Patience);
        Assert.Equal(1, host.Target.Written);
    }

    [Fact]
    public async Task Post_ForgedSignature_Answers401ProblemWithoutSecrets()
    {
        await using var host = await StartStripeAsync();
        var body = StripeEvent("evt_forged", "in_forged");
        var expected = Signatures.Stripe(StripeSecret, Signatures.Now(), body);

        using var response = await SendStripeAsync(host, body, Signatures.Stripe("whsec_wrong", Signatures.Now(), body));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("signature-mismatch", text, StringComparison.Ordinal);
        Assert.DoesNotContain(StripeSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(expected.Split("v1=")[1], text, StringComparison.Ordinal);
        Assert.Empty(await host.Inbox.ListAsync(new InboxQuery(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Post_MissingSignatureHeader_Answers400Problem()
    {
        await using var host = await StartStripeAsync();

        using var response = await host.Client.PostAsync(
            "/webhooks/stripe", Json(StripeEvent("evt_x", "in_x")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadProblemAsync(response);
        Assert.EndsWith("missing-signature-header", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Contains("Stripe-Signature", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BodyOverLimit_Answers413BeforeVerifying()
    {
        await using var host = await StartStripeAsync(maxBody: 1024);
        var body = Encoding.UTF8.GetBytes("{\"id\":\"evt_big\",\"pad\":\"" + new string('x', 4096) + "\"}");

        using var response = await SendStripeAsync(host, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_ChunkedBodyOverLimit_Answers413()
    {
        await using var host = await StartStripeAsync(maxBody: 1024);
        var body = new byte[8192];
        using var content = new StreamContent(new NonSeekableStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("Stripe-Signature", Signatures.Stripe(StripeSecret, Signatures.Now(), body));

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8", HttpStatusCode.OK)]
    [InlineData("Application/JSON", HttpStatusCode.OK)]
    [InlineData("application/jsonx", HttpStatusCode.UnsupportedMediaType)]
    public async Task Post_ContentTypeVariants_AcceptedByMediaTypeOnly(string contentType, HttpStatusCode expected)
    {
        await using var host = await StartStripeAsync();
        var body = StripeEvent("evt_variant", "in_variant");
        using var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = content };
        request.Headers.Add("Stripe-Signature", Signatures.Stripe(StripeSecret, Signatures.Now(), body));

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Post_UnknownContentType_Answers415Problem()
    {
        await using var host = await StartStripeAsync();
        var body = StripeEvent("evt_ct", "in_ct");
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = content };
        request.Headers.Add("Stripe-Signature", Signatures.Stripe(StripeSecret, Signatures.Now(), body));

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_EmptyBody_Answers400Problem()
    {
        await using var host = await StartStripeAsync();

        using var response = await SendStripeAsync(host, []);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ReadProblemAsync(response);
        Assert.EndsWith("empty-body", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_InboxWriteFails_Answers503SoTheProviderRetries()
    {
        await using var host = await StartStripeAsync(services: s => s.AddSingleton<IInboxStore, FailingInboxStore>());

        using var response = await SendStripeAsync(host, StripeEvent("evt_fail", "in_fail"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    internal static async Task<WebhookTestHost> StartStripeAsync(
        long maxBody = 1024 * 1024, Action<IServiceCollection>? services = null) =>
        await WebhookTestHost.StartAsync(
            w => w.AddStripe("stripe", o =>
                {
                    o.Secrets.Add(StripeSecret);
                    o.MaxBodySize = maxBody;
                    o.Target = "books";
                })
                .UseMapper("stripe", sp => sp.GetRequiredService<ContactMapper>()),
            services);

    internal static byte[] StripeEvent(string id, string invoice) => Encoding.UTF8.GetBytes(
        "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"invoice.paid\",\"created\":1767268800,"
        + "\"data\":{\"object\":{\"id\":\"" + invoice + "\",\"object\":\"invoice\",\"total\":1250}}}");

    internal static async Task<HttpResponseMessage> SendStripeAsync(WebhookTestHost host, byte[] body, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = Json(body) };
        request.Headers.Add("Stripe-Signature", signature ?? Signatures.Stripe(StripeSecret, Signatures.Now(), body));
        return await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    internal static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
