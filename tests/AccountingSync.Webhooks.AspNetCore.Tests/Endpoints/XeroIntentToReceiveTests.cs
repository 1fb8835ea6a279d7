using System.Net;
using AccountingSync.Conformance;
using AccountingSync.Webhooks.Tests.Infrastructure;
using AccountingSync.Webhooks.Tests.Verification;
using Microsoft.Extensions.DependencyInjection;

namespace AccountingSync.Webhooks.Tests.Endpoints;

public sealed class XeroIntentToReceiveTests
{
    public static TheoryData<string> XeroVectorIds()
    {
        var data = new TheoryData<string>();
        if (SharedData.Directory is null)
        {
            data.Add("shared-data-missing");
            return data;
        }

        foreach (var vector in WebhookVector.LoadAll().Where(v => v.Provider == "xero"))
        {
            data.Add(vector.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(XeroVectorIds))]
    public async Task Post_XeroVector_AnswersTheStatusXeroRequires(string id)
    {
        var vector = WebhookVector.Find(id);
        await using var host = await WebhookTestHost.StartAsync(w => w
            .AddXero("xero", o =>
            {
                foreach (var secret in vector.Secrets)
                {
                    o.Secrets.Add(secret);
                }

                o.Target = "books";
            })
            .UseMapper("xero", sp => sp.GetRequiredService<ContactMapper>()));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/xero")
        {
            Content = WebhookEndpointTests.Json(vector.Body),
        };
        foreach (var (name, value) in vector.Headers.Where(h => !h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        var expected = vector.ExpectedHttpStatus ?? (vector.ExpectedValid ? 200 : 401);
        Assert.Equal(expected, (int)response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Empty(body);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            Assert.Null(response.Content.Headers.ContentType);
        }
    }
}
