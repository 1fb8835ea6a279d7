using AccountingSync.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AccountingSync.Webhooks.Tests.Endpoints;

public sealed class OptionsValidationTests
{
    [Fact]
    public async Task Start_EndpointWithoutSecretsOrUrl_FailsNamingEachSetting()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => WebhookTestHost.StartAsync(w => w
            .AddSquare("square", o =>
            {
                o.Target = "books";
                o.MaxBodySize = 10;
            })
            .UseMapper("square", sp => sp.GetRequiredService<ContactMapper>())));

        Assert.Contains("Webhook endpoint 'square': Secrets", ex.Message, StringComparison.Ordinal);
        Assert.Contains("NotificationUrl", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxBodySize", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_TargetWithoutMapper_Fails()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => WebhookTestHost.StartAsync(w => w
            .AddGitHub("gh", o =>
            {
                o.Secrets.Add("s");
                o.Target = "books";
            })));

        Assert.Contains("UseMapper(\"gh\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidStandardWebhooksSecret_FailsWithoutEchoingIt()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => WebhookTestHost.StartAsync(w => w
            .AddStandardWebhooks("sw", o =>
            {
                o.Secrets.Add("whsec_***not-base64***");
                o.Target = "books";
            })
            .UseMapper("sw", sp => sp.GetRequiredService<ContactMapper>())));

        Assert.Contains("Secret #1", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-base64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddEndpoint_NameThatIsNotARouteSegment_Throws()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddAccountingSync(s =>
            AccountingSync.DependencyInjection.WebhooksAccountingSyncBuilderExtensions.AddWebhooks(s, w => w.AddStripe("a/b", _ => { }))));
    }
}
