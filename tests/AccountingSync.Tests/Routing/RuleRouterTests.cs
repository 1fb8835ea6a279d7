using System.Text;
using AccountingSync.Conformance.Testing;
using AccountingSync.Connectors;
using AccountingSync.Model;
using AccountingSync.Model.Documents;
using AccountingSync.Pipeline;
using AccountingSync.Routing;
using Microsoft.Extensions.Configuration;

namespace AccountingSync.Tests.Routing;

public sealed class RuleRouterTests
{
    private static SyncPipelineOptions Lanes()
    {
        var options = new SyncPipelineOptions { Parallelism = 1 };
        options.Lanes[0].Name = "routine";
        options.Lanes[0].BatchSize = 50;
        options.Lanes.Add(new LaneOptions { Name = "realtime", BatchSize = 1 });
        return options;
    }

    private static Invoice Invoice(decimal price, string system = "shop") => new()
    {
        Source = new SourceIdentity(system, "invoice", price.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Number = "INV",
        Currency = Currency.Gbp,
        Lines = [new SalesLine { UnitPrice = price, TaxRate = 0.2m }],
    };

    private static RoutingOptions Rules(params RouteRule[] rules)
    {
        var routing = new RoutingOptions();
        foreach (var rule in rules)
        {
            routing.Rules.Add(rule);
        }

        return routing;
    }

    [Fact]
    public void Route_LargeInvoice_GoesToTheRealTimeLaneAndTheRestToTheFirst()
    {
        var router = new RuleRouter(Rules(new RouteRule { Lane = "realtime", Kind = DocumentKind.Invoice, MinTotal = 5000m }), Lanes());
        var change = new TestRecord("x", 1, 1m).ToChange();

        Assert.Equal(1, router.Route(Invoice(5000m), change));  // 6,000 with VAT
        Assert.Equal(0, router.Route(Invoice(4000m), change));  // 4,800 with VAT
        Assert.Equal(0, router.Route(new Contact { Source = new("shop", "contact", "1"), Name = "A" }, change));
    }

    [Fact]
    public void Route_CurrencySystemAndUpperBound_MustAllMatch()
    {
        var router = new RuleRouter(Rules(new RouteRule
        {
            Lane = "realtime", Currency = "gbp", SourceSystem = "pos", MinTotal = 10m, BelowTotal = 100m,
        }), Lanes());
        var change = new TestRecord("x", 1, 1m).ToChange();

        Assert.Equal(1, router.Route(Invoice(50m, "pos"), change));
        Assert.Equal(0, router.Route(Invoice(50m, "web"), change));
        Assert.Equal(0, router.Route(Invoice(500m, "pos"), change));
    }

    [Fact]
    public void Constructor_RuleNamingAMissingLane_FailsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new RuleRouter(Rules(new RouteRule { Lane = "urgent" }), Lanes()));
        Assert.Contains("Routing.Rules[0].Lane: 'urgent'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_BindFromAppSettingsJson()
    {
        const string json = """
            { "Routing": { "Rules": [
                { "Lane": "realtime", "Kind": "Invoice", "MinTotal": 5000 },
                { "Lane": "routine", "Kind": "SalesReceipt" } ] } }
            """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var routing = new RoutingOptions();
        configuration.GetSection("Routing").Bind(routing);

        Assert.Equal(2, routing.Rules.Count);
        Assert.Equal((DocumentKind.Invoice, 5000m), (routing.Rules[0].Kind, routing.Rules[0].MinTotal));
        Assert.Equal(1, new RuleRouter(routing, Lanes()).Route(Invoice(9000m), new TestRecord("x", 1, 1m).ToChange()));
    }

    [Fact]
    public async Task Pipeline_RoutesLargeInvoicesAloneAndBatchesTheRest()
    {
        var options = Lanes();
        var routing = Rules(new RouteRule { Lane = "realtime", MinTotal = 1000m });
        var target = new RecordingTarget();
        await using var pipeline = new SyncPipeline(target, SyncStores.InMemory(), options, router: new RuleRouter(routing, options));
        var changes = Enumerable.Range(0, 10)
            .Select(i => new TestRecord($"E{i}", 1, i % 5 == 0 ? 2000m : 10m).ToChange())
            .ToList();

        var result = await pipeline.RunAsync(new ListSource("s", changes), new TestRecordMapper(), TestContext.Current.CancellationToken);

        Assert.Equal(10, result.Written);
        Assert.Equal(2, target.CallSizes.Count(size => size == 1)); // E0 and E5, each written on its own
        Assert.Contains(8, target.CallSizes);                      // the routine ones together
    }
}
