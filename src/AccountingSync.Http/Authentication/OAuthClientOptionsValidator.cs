using AccountingSync.Http.Internal;
using Microsoft.Extensions.Options;

namespace AccountingSync.Http.Authentication;

/// <summary>
/// Validates <see cref="OAuthClientOptions"/>: an absolute token endpoint, a client id, a connection name and the
/// refresh margin. <see cref="OAuthClientOptions.Validate"/> runs the same rules; <c>AddPolling</c> registers this
/// validator with validate-on-start for every connection it configures.
/// </summary>
/// <remarks>Messages name the setting (<c>OAuthClientOptions[shop].ClientId is required.</c>), never its value.</remarks>
public sealed class OAuthClientOptionsValidator : IValidateOptions<OAuthClientOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OAuthClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = OptionsChecks.Prefix(nameof(OAuthClientOptions), name);
        var failures = new List<string>();
        if (options.TokenEndpoint is not { IsAbsoluteUri: true })
        {
            failures.Add($"{prefix}.{nameof(options.TokenEndpoint)} is required and must be an absolute address.");
        }

        OptionsChecks.Require(failures, options.ClientId, $"{prefix}.{nameof(options.ClientId)}");
        OptionsChecks.Require(failures, options.Connection, $"{prefix}.{nameof(options.Connection)}");
        if (options.RefreshBeforeExpiry < TimeSpan.Zero || options.RefreshBeforeExpiry > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{prefix}.{nameof(options.RefreshBeforeExpiry)} must be between zero and 10 minutes "
                + $"(was {options.RefreshBeforeExpiry}).");
        }

        if (options.RefreshLeaseDuration < TimeSpan.FromSeconds(5) || options.RefreshLeaseDuration > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{prefix}.{nameof(options.RefreshLeaseDuration)} must be between 5 seconds and 5 minutes "
                + $"(was {options.RefreshLeaseDuration}).");
        }

        return OptionsChecks.Result(failures);
    }
}
