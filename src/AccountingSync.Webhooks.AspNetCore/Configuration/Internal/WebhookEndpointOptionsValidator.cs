using AccountingSync.Webhooks.Processing;
using Microsoft.Extensions.Options;

namespace AccountingSync.Webhooks.Configuration.Internal;

/// <summary>Checks each endpoint's settings at start, naming the endpoint and the setting in every message.</summary>
internal sealed class WebhookEndpointOptionsValidator(
    WebhookEndpointRegistry registry, IOptions<WebhookProcessingOptions> processing) : IValidateOptions<WebhookEndpointOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookEndpointOptions options)
    {
        if (name is null || !registry.Contains(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        var prefix = $"Webhook endpoint '{name}':";
        if (options.Secrets is null || options.Secrets.Count == 0)
        {
            failures.Add($"{prefix} Secrets must hold at least one secret.");
        }
        else if (options.Secrets.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{prefix} Secrets must not contain an empty secret.");
        }

        if (options.Tolerance < TimeSpan.FromSeconds(1) || options.Tolerance > TimeSpan.FromHours(1))
        {
            failures.Add($"{prefix} Tolerance must be between 1 second and 1 hour (was {options.Tolerance}).");
        }

        if (options.MaxBodySize < 1024 || options.MaxBodySize > 64L * 1024 * 1024)
        {
            failures.Add($"{prefix} MaxBodySize must be between 1024 and 67108864 bytes (was {options.MaxBodySize}).");
        }

        if (options.ContentTypes is null || options.ContentTypes.Count == 0
            || options.ContentTypes.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{prefix} ContentTypes must list at least one media type, none empty.");
        }

        if (options.Provider == WebhookProvider.Square
            && !Uri.TryCreate(options.NotificationUrl, UriKind.Absolute, out _))
        {
            failures.Add($"{prefix} NotificationUrl must be the absolute URL registered with Square.");
        }

        if (options.Provider == WebhookProvider.GenericHmac && options.GenericScheme is null)
        {
            failures.Add($"{prefix} GenericScheme is required for a generic HMAC endpoint.");
        }

        if (options.Target is not null && string.IsNullOrWhiteSpace(options.Target))
        {
            failures.Add($"{prefix} Target must be a target name or null.");
        }

        if (options.Target is null && processing.Value.Enabled)
        {
            failures.Add($"{prefix} Target is required while processing is enabled; set it, or turn processing off "
                + "with ConfigureProcessing(p => p.Enabled = false) on instances that only receive.");
        }

        if (options.Target is not null && !registry.HasMapper(name))
        {
            failures.Add($"{prefix} Target is set, so a mapper is required: call UseMapper(\"{name}\", ...).");
        }

        if (failures.Count == 0)
        {
            try
            {
                // Building the verifier catches what only the scheme itself can check (template, secret encoding).
                WebhookEndpointFactory.CreateVerifier(options, TimeProvider.System);
            }
            catch (ArgumentException ex)
            {
                failures.Add($"{prefix} {ex.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
