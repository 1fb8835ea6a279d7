using AccountingSync.Webhooks.Inbox;
using Microsoft.Extensions.Options;

namespace AccountingSync.Webhooks.Processing.Internal;

/// <summary>Checks the inbox and processor settings at start; each message names the setting.</summary>
internal sealed class WebhookProcessingOptionsValidator : IValidateOptions<WebhookProcessingOptions>, IValidateOptions<WebhookInboxOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookProcessingOptions options)
    {
        var failures = new List<string>();
        if (options.BatchSize is < 1 or > 10_000)
        {
            failures.Add($"WebhookProcessingOptions.BatchSize must be between 1 and 10000 (was {options.BatchSize}).");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(5) || options.LeaseDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"WebhookProcessingOptions.LeaseDuration must be between 5 seconds and 1 hour (was {options.LeaseDuration}).");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(10) || options.PollInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"WebhookProcessingOptions.PollInterval must be between 10 ms and 10 minutes (was {options.PollInterval}).");
        }

        if (options.MaxFetchAttempts is < 1 or > 1_000)
        {
            failures.Add($"WebhookProcessingOptions.MaxFetchAttempts must be between 1 and 1000 (was {options.MaxFetchAttempts}).");
        }

        if (options.FetchRetryDelay < TimeSpan.Zero || options.FetchRetryDelay > TimeSpan.FromHours(1))
        {
            failures.Add($"WebhookProcessingOptions.FetchRetryDelay must be between 0 and 1 hour (was {options.FetchRetryDelay}).");
        }

        if (options.MaxFetchRetryDelay < options.FetchRetryDelay || options.MaxFetchRetryDelay > TimeSpan.FromDays(1))
        {
            failures.Add("WebhookProcessingOptions.MaxFetchRetryDelay must be between FetchRetryDelay and 1 day "
                + $"(was {options.MaxFetchRetryDelay}).");
        }

        if (options.MaxConcurrentFetches is < 1 or > 64)
        {
            failures.Add(
                $"WebhookProcessingOptions.MaxConcurrentFetches must be between 1 and 64 (was {options.MaxConcurrentFetches}).");
        }

        if (string.IsNullOrWhiteSpace(options.InstanceId))
        {
            failures.Add("WebhookProcessingOptions.InstanceId must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, WebhookInboxOptions options)
    {
        var failures = new List<string>();
        if (options.MaxBatchSize is < 1 or > 10_000)
        {
            failures.Add($"WebhookInboxOptions.MaxBatchSize must be between 1 and 10000 (was {options.MaxBatchSize}).");
        }

        if (options.MaxGatherDelay < TimeSpan.Zero || options.MaxGatherDelay > TimeSpan.FromMilliseconds(100))
        {
            failures.Add(
                $"WebhookInboxOptions.MaxGatherDelay must be between 0 and 100 ms (was {options.MaxGatherDelay}).");
        }

        if (options.MaxBatchesInFlight is < 1 or > 8)
        {
            failures.Add(
                $"WebhookInboxOptions.MaxBatchesInFlight must be between 1 and 8 (was {options.MaxBatchesInFlight}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
