using System.Text.Json;

namespace SimulatedStore;

/// <summary>
/// How the store's API and webhooks represent an invoice:
/// <c>{"id": "536365", "updated_at": "2010-12-01T08:26:00Z", "lines": [{"InvoiceNo": "536365", ...}]}</c>,
/// each line carrying the export's columns as text.
/// </summary>
public static class InvoiceJson
{
    /// <summary>Writes one invoice.</summary>
    /// <param name="json">The writer.</param>
    /// <param name="invoice">The invoice.</param>
    public static void Write(Utf8JsonWriter json, StoreInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(invoice);
        json.WriteStartObject();
        json.WriteString("id", invoice.Number);
        json.WriteString("updated_at", invoice.UpdatedAt.UtcDateTime.ToString(
            "yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteStartArray("lines");
        foreach (var row in invoice.Rows)
        {
            json.WriteStartObject();
            for (var i = 0; i < RetailDataset.Columns.Length; i++)
            {
                json.WriteString(RetailDataset.Columns[i], row[i]);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Serialises one invoice on its own, as a webhook body.</summary>
    /// <param name="invoice">The invoice.</param>
    /// <returns>The UTF-8 JSON.</returns>
    public static byte[] ToBytes(StoreInvoice invoice)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json, invoice);
        }

        return buffer.ToArray();
    }
}
