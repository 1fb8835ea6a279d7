using AccountingSync.Http.Internal;
using Microsoft.Extensions.Options;

namespace AccountingSync.Http.Authentication;

/// <summary>Validates <see cref="ApiKeyOptions"/>: a name, a key and a known location.</summary>
/// <remarks>Messages name the setting (<c>ApiKeyOptions[shop].Key is required.</c>), never the key.</remarks>
public sealed class ApiKeyOptionsValidator : IValidateOptions<ApiKeyOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = OptionsChecks.Prefix(nameof(ApiKeyOptions), name);
        var failures = new List<string>();
        OptionsChecks.Require(failures, options.Name, $"{prefix}.{nameof(options.Name)}");
        OptionsChecks.Require(failures, options.Key, $"{prefix}.{nameof(options.Key)}");
        if (!Enum.IsDefined(options.Location))
        {
            failures.Add($"{prefix}.{nameof(options.Location)} must be Header or Query (was {(int)options.Location}).");
        }

        return OptionsChecks.Result(failures);
    }
}
