using AccountingSync.Credentials;
using AccountingSync.Http.Authentication;
using AccountingSync.Http.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AccountingSync.Http.DependencyInjection.Internal;

/// <summary>
/// The OAuth rules of <see cref="OAuthClientOptionsValidator"/> for polled endpoints, plus what only the container
/// can tell: that the refresh-token grant has a token store to keep rotated refresh tokens in.
/// </summary>
internal sealed class PollingOAuthOptionsValidator(PollingRegistry registry, IServiceProvider services)
    : IValidateOptions<OAuthClientOptions>
{
    public ValidateOptionsResult Validate(string? name, OAuthClientOptions options)
    {
        if (!registry.HasOAuth(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var result = new OAuthClientOptionsValidator().Validate(name, options);
        var failures = result.Failed ? [.. result.Failures ?? []] : new List<string>();
        if (options.Grant == OAuthGrant.RefreshToken
            && services.GetService<IServiceProviderIsService>()?.IsService(typeof(ITokenStore)) == false)
        {
            failures.Add($"{OptionsChecks.Prefix(nameof(OAuthClientOptions), name)}.{nameof(options.Grant)} "
                + "RefreshToken needs a durable ITokenStore for rotated refresh tokens; call UseSqlite or UsePostgreSql.");
        }

        return OptionsChecks.Result(failures);
    }
}
