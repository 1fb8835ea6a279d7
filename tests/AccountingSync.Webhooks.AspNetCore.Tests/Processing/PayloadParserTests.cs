using System.Text;
using AccountingSync.Conformance;
using AccountingSync.Connectors;
using AccountingSync.Inbox;
using AccountingSync.Model;
using AccountingSync.Webhooks.Processing;
using AccountingSync.Webhooks.Processing.Parsers;
using AccountingSync.Webhooks.Verification;

namespace AccountingSync.Webhooks.Tests.Processing;

public sealed class PayloadParserTests
{
    [Fact]
    public void QuickBooks_ClassicNotification_YieldsOneChangePerEntity()
    {
        var body = File.ReadAllBytes(SharedData.Require("data/payloads/quickbooks/webhook_notification.raw.txt"));
        var parser = new QuickBooksPayloadParser("qbo");

        var changes = parser.Parse(Event(body));

        Assert.Collection(
            changes,
            vendor =>
            {
                Assert.Equal(new SourceIdentity("qbo:1269959970", "Vendor", "40"), vendor.Entity);
                Assert.Equal(ChangeOperation.Upsert, vendor.Operation);
                Assert.Equal(SourceVersion.FromTimestamp(new DateTimeOffset(2016, 10, 5, 3, 9, 4, TimeSpan.Zero)), vendor.Version);
                Assert.Equal("Update", Assert.IsType<WebhookNotification>(vendor.Payload).EventType);
            },
            customer => Assert.Equal(new SourceIdentity("qbo:1269959970", "Customer", "43"), customer.Entity));
    }

    [Fact]
    public void QuickBooks_ClassicNotification_DerivesTheSameIdFromTheSamePayload()
    {
        var body = File.ReadAllBytes(SharedData.Require("data/payloads/quickbooks/webhook_notification.raw.txt"));
        var pretty = File.ReadAllBytes(SharedData.Require("data/payloads/quickbooks/webhook_notification.json"));
        var parser = new QuickBooksPayloadParser("qbo");

        var first = parser.Describe(WebhookHeaders.Empty, body);
        var reformatted = parser.Describe(WebhookHeaders.Empty, pretty);

        Assert.StartsWith("derived-", first.EventId, StringComparison.Ordinal);
        Assert.Equal(first.EventId, reformatted.EventId);
    }

    [Fact]
    public void QuickBooks_CloudEventsArray_YieldsChangesWithTheEventId()
    {
        var body = Encoding.UTF8.GetBytes("""
            [{"specversion":"1.0","id":"88cd52b4-0e6b-4a4e-9b4c-7f5d0e2a1c11","source":"intuit.abc",
              "type":"qbo.invoice.deleted.v1","datacontenttype":"application/json","time":"2025-09-10T21:31:25.179Z",
              "intuitentityid":"145","intuitaccountid":"9341453","data":{}}]
            """);
        var parser = new QuickBooksPayloadParser("qbo");

        var info = parser.Describe(WebhookHeaders.Empty, body);
        var change = Assert.Single(parser.Parse(Event(body)));

        Assert.Equal("88cd52b4-0e6b-4a4e-9b4c-7f5d0e2a1c11", info.EventId);
        Assert.Equal(new SourceIdentity("qbo:9341453", "Invoice", "145"), change.Entity);
        Assert.Equal(ChangeOperation.Delete, change.Operation);
    }

    [Fact]
    public void Xero_CreditNoteEvent_YieldsTenantScopedChange()
    {
        var body = File.ReadAllBytes(SharedData.Require("data/payloads/xero/webhook_creditNoteCreate.json"));
        var parser = new XeroPayloadParser("xero");

        var change = Assert.Single(parser.Parse(Event(body)));

        Assert.Equal(
            new SourceIdentity("xero:aef86862-2015-4b6b-88bc-d89032cecc50", "CREDITNOTE", "55d84274-a3da-4829-a7c0-0cab601b95cc"),
            change.Entity);
        Assert.Equal(new DateTimeOffset(2025, 12, 2, 0, 44, 9, 923, TimeSpan.Zero), change.OccurredAt);
        Assert.True(parser.Describe(WebhookHeaders.Empty, body).ShouldStore);
    }

    [Fact]
    public void Xero_IntentToReceive_IsNotStored()
    {
        var body = """{"events":[],"firstEventSequence":0,"lastEventSequence":0,"entropy":"QWERTYUIOP"}"""u8.ToArray();

        var info = new XeroPayloadParser("xero").Describe(WebhookHeaders.Empty, body);

        Assert.False(info.ShouldStore);
    }

    [Fact]
    public void Stripe_Event_YieldsTheObjectWithTheEventId()
    {
        var body = File.ReadAllBytes(SharedData.Require("data/payloads/stripe/event.json"));
        var parser = new StripePayloadParser("stripe");

        var change = Assert.Single(parser.Parse(Event(body)));

        Assert.Equal("evt_1Pgc76B7WZ01zgkWwyRHS12y", parser.Describe(WebhookHeaders.Empty, body).EventId);
        Assert.Equal(new SourceIdentity("stripe", "plan", "price_1PgafmB7WZ01zgkW6dKueIc5"), change.Entity);
        Assert.Equal(ChangeOperation.Upsert, change.Operation);
    }

    [Fact]
    public void Shopify_OrderTopics_MapOperationsAndVersion()
    {
        var body = File.ReadAllBytes(SharedData.Require("data/payloads/shopify/order.json"));
        var parser = new ShopifyPayloadParser("shop");

        var updated = Assert.Single(parser.Parse(Event(body, ("X-Shopify-Topic", "orders/updated"))));
        var cancelled = Assert.Single(parser.Parse(Event(body, ("X-Shopify-Topic", "orders/cancelled"))));
        var deleted = Assert.Single(parser.Parse(Event(body, ("X-Shopify-Topic", "orders/delete"))));

        Assert.Equal(new SourceIdentity("shop", "order", "450789469"), updated.Entity);
        var updatedAt = new DateTimeOffset(2008, 1, 10, 11, 0, 0, TimeSpan.FromHours(-5));
        Assert.Equal(SourceVersion.FromTimestamp(updatedAt), updated.Version);
        Assert.Equal(ChangeOperation.Upsert, updated.Operation);
        Assert.Equal(ChangeOperation.Void, cancelled.Operation);
        Assert.Equal(ChangeOperation.Delete, deleted.Operation);
    }

    [Fact]
    public void Shopify_NoTopicHeader_ThrowsNamingTheHeader()
    {
        var body = File.ReadAllBytes(SharedData.Require("data/payloads/shopify/order.json"));

        var ex = Assert.Throws<WebhookPayloadException>(() => new ShopifyPayloadParser("shop").Parse(Event(body)));

        Assert.Contains("X-Shopify-Topic", ex.Message, StringComparison.Ordinal);
    }

    private static InboxEvent Event(byte[] body, params (string Name, string Value)[] headers) => new()
    {
        Provider = "test",
        EventId = "evt",
        Body = body,
        Headers = headers.ToDictionary(h => h.Name, h => h.Value),
    };
}
