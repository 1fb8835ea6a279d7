using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace SimulatedStore;

/// <summary>
/// Sends the store's invoices to a webhook endpoint the way Shopify signs and delivers resource webhooks: the
/// body is the resource, <c>X-Shopify-Hmac-Sha256</c> is the base64 HMAC-SHA256 of the raw body under the app's
/// secret, <c>X-Shopify-Webhook-Id</c> names the delivery (the same on a retry), <c>X-Shopify-Topic</c> the event.
/// Deliveries are dropped, retried, echoed and reordered as <see cref="WebhookFaults"/> says.
/// </summary>
/// <param name="http">The client to send with.</param>
/// <param name="endpoint">The webhook endpoint's address.</param>
/// <param name="secret">The shared secret.</param>
public sealed class WebhookSender(HttpClient http, Uri endpoint, string secret)
{
    private int _sequence;

    /// <summary>Sends one batch of invoices as they happen.</summary>
    /// <param name="invoices">The invoices, oldest first.</param>
    /// <param name="faults">How deliveries misbehave.</param>
    /// <param name="cancellationToken">Stops sending.</param>
    /// <returns>What was sent.</returns>
    /// <exception cref="HttpRequestException">The endpoint kept refusing a delivery.</exception>
    public async Task<WebhookSendStats> SendAsync(
        IReadOnlyList<StoreInvoice> invoices, WebhookFaults faults, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        ArgumentNullException.ThrowIfNull(faults);
        var random = new Random(faults.Seed + _sequence);
        var deliveries = new List<(StoreInvoice Invoice, string Topic, string Id)>();
        var dropped = new List<string>();
        foreach (var invoice in invoices)
        {
            if (random.NextDouble() < faults.DropRate)
            {
                dropped.Add(invoice.Number);
                continue;
            }

            var delivery = (invoice, "invoices/create", NextId());
            deliveries.Add(delivery);
            if (random.NextDouble() < faults.RetryRate)
            {
                deliveries.Add(delivery);
            }

            if (random.NextDouble() < faults.EchoRate)
            {
                deliveries.Add((invoice, "invoices/updated", NextId()));
            }
        }

        for (var start = 0; start < deliveries.Count; start += faults.ReorderWindow)
        {
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(deliveries)
                .Slice(start, Math.Min(faults.ReorderWindow, deliveries.Count - start)));
        }

        await Parallel.ForEachAsync(
            deliveries,
            new ParallelOptions { MaxDegreeOfParallelism = faults.Concurrency, CancellationToken = cancellationToken },
            async (d, ct) => await DeliverAsync(d.Invoice, d.Topic, d.Id, ct));
        return new WebhookSendStats(invoices.Count, deliveries.Count, dropped);
    }

    private string NextId() =>
        "wh-" + Interlocked.Increment(ref _sequence).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    private async Task DeliverAsync(StoreInvoice invoice, string topic, string id, CancellationToken cancellationToken)
    {
        var body = InvoiceJson.ToBytes(invoice);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("X-Shopify-Hmac-Sha256", signature);
            request.Headers.Add("X-Shopify-Topic", topic);
            request.Headers.Add("X-Shopify-Webhook-Id", id);
            request.Headers.Add("X-Shopify-Shop-Domain", "simulated-store.example");
            request.Headers.Add(
                "X-Shopify-Triggered-At", invoice.UpdatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            // A provider retries a refused delivery later; three quick tries are enough on one machine.
            if (attempt == 3)
            {
                throw new HttpRequestException(
                    $"The webhook endpoint refused delivery {id} with {(int)response.StatusCode}.", null, response.StatusCode);
            }
        }
    }
}
