using System.Net;
using System.Text.Json;
using AccountingSync.Connectors;
using AccountingSync.Model;

namespace RetailConnector;

/// <summary>Reads one invoice from the store's API (<c>GET api/invoices/{id}</c>), for an on-demand sync.</summary>
/// <param name="http">The client, with the store's base address and the host's handlers.</param>
/// <param name="system">The source system named in identities.</param>
public sealed class RetailInvoiceReader(HttpClient http, string system) : ISourceEntityReader
{
    /// <inheritdoc />
    public string Name => system + ".invoice";

    /// <inheritdoc />
    public async ValueTask<SourceChange?> ReadAsync(SourceIdentity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var response = await http.GetAsync("api/invoices/" + Uri.EscapeDataString(entity.Id), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var json = await JsonDocument.ParseAsync(
            await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var invoice = json.RootElement.GetProperty("invoice").Clone();
        var updated = invoice.GetProperty("updated_at").GetDateTimeOffset();
        return new SourceChange
        {
            Entity = new SourceIdentity(system, "invoice", entity.Id),
            Version = SourceVersion.FromTimestamp(updated),
            Payload = invoice,
            OccurredAt = updated,
        };
    }
}
