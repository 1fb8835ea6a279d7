using AccountingSync.DependencyInjection;
using AccountingSync.Inbox;
using AccountingSync.Webhooks.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AccountingSync.Webhooks.Tests.Infrastructure;

/// <summary>A real Kestrel on 127.0.0.1 (port chosen by the OS) serving configured webhook endpoints.</summary>
internal sealed class WebhookTestHost : IAsyncDisposable
{
    private WebhookTestHost(WebApplication app, RecordingTarget target, ContactMapper mapper)
    {
        App = app;
        Target = target;
        Mapper = mapper;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public WebApplication App { get; }

    public RecordingTarget Target { get; }

    public ContactMapper Mapper { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public IInboxStore Inbox => Services.GetRequiredService<IInboxStore>();

    public static async Task<WebhookTestHost> StartAsync(
        Action<WebhooksBuilder> webhooks, Action<IServiceCollection>? services = null, Action<AccountingSyncBuilder>? sync = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        services?.Invoke(builder.Services);
        var target = new RecordingTarget();
        var mapper = new ContactMapper();
        builder.Services.AddAccountingSync(s =>
        {
            sync?.Invoke(s);
            s.AddTarget("books", _ => target)
                .AddWebhooks(w =>
                {
                    webhooks(w);
                    w.ConfigureProcessing(p => p.PollInterval = TimeSpan.FromMilliseconds(50));
                });
        });
        builder.Services.AddSingleton(mapper);
        var app = builder.Build();
        app.MapAccountingSyncWebhooks("/webhooks");
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new WebhookTestHost(app, target, mapper);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
