using System.Diagnostics.CodeAnalysis;
using AccountingSync.Webhooks.Verification;
using Microsoft.AspNetCore.Http;

namespace AccountingSync.Webhooks.Endpoints.Internal;

/// <summary>The request's headers as the verifiers read them.</summary>
internal sealed class HttpRequestWebhookHeaders(IHeaderDictionary headers) : IWebhookHeaders
{
    public bool TryGetValue(string name, [NotNullWhen(true)] out string? value)
    {
        if (headers.TryGetValue(name, out var values))
        {
            value = values.ToString();
            return true;
        }

        value = null;
        return false;
    }
}
