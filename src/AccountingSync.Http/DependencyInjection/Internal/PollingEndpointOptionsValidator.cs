using AccountingSync.Connectors;
using AccountingSync.Http.Internal;
using AccountingSync.Http.Polling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AccountingSync.Http.DependencyInjection.Internal;

/// <summary>
/// Checks each registered endpoint at start: base address, the listing's own rules, the schedule, that the target
/// exists.
/// </summary>
internal sealed class PollingEndpointOptionsValidator(PollingRegistry registry, IServiceProvider services)
    : IValidateOptions<PollingEndpointOptions>
{
    public ValidateOptionsResult Validate(string? name, PollingEndpointOptions options)
    {
        if (!registry.Contains(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var prefix = OptionsChecks.Prefix(nameof(PollingEndpointOptions), name);
        var failures = new List<string>();
        if (!registry.IsCustomSource(name))
        {
            CheckEndpoint(name!, prefix, options, failures);
        }

        if (options.Schedule is null)
        {
            failures.Add($"{prefix}.{nameof(options.Schedule)} is required.");
        }
        else
        {
            PollingScheduleOptionsValidator.Check(OptionsChecks.Prefix(nameof(PollingScheduleOptions), name), options.Schedule, failures);
        }

        var keyed = services.GetService<IServiceProviderIsKeyedService>();
        if (string.IsNullOrWhiteSpace(options.Target))
        {
            failures.Add($"{prefix}.{nameof(options.Target)} is required.");
        }
        else if (keyed is not null && !keyed.IsKeyedService(typeof(ITargetConnector), options.Target))
        {
            failures.Add($"{prefix}.{nameof(options.Target)} names '{options.Target}', which no AddTarget registered.");
        }

        return OptionsChecks.Result(failures);
    }

    private static void CheckEndpoint(string name, string prefix, PollingEndpointOptions options, List<string> failures)
    {
        if (options.BaseAddress is not { IsAbsoluteUri: true })
        {
            failures.Add($"{prefix}.{nameof(options.BaseAddress)} is required and must be an absolute address.");
        }

        if (options.Endpoint is null)
        {
            failures.Add($"{prefix}.{nameof(options.Endpoint)} is required: the listing to poll.");
        }
        else
        {
            HttpPollingEndpointValidator.Check(OptionsChecks.Prefix(nameof(HttpPollingEndpoint), name), options.Endpoint, failures);
        }
    }
}
