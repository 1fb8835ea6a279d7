using AccountingSync.Http.Internal;
using Microsoft.Extensions.Options;

namespace AccountingSync.Http.Polling;

/// <summary>
/// Validates an <see cref="HttpPollingEndpoint"/>: required paths, page size, overlap and look-back limits, and the
/// settings each pagination and filter needs. <see cref="HttpPollingEndpoint.Validate"/> runs the same rules, and
/// <c>AddPolling</c> runs them at start for every endpoint it registers.
/// </summary>
/// <remarks>Every message starts with the setting's name, such as <c>HttpPollingEndpoint[Invoice].PageSize</c>.</remarks>
public sealed class HttpPollingEndpointValidator : IValidateOptions<HttpPollingEndpoint>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, HttpPollingEndpoint options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(OptionsChecks.Prefix(nameof(HttpPollingEndpoint), name ?? options.EntityType), options, failures);
        return OptionsChecks.Result(failures);
    }

    internal static void Check(string prefix, HttpPollingEndpoint e, List<string> failures)
    {
        OptionsChecks.Require(failures, e.System, $"{prefix}.{nameof(e.System)}");
        OptionsChecks.Require(failures, e.EntityType, $"{prefix}.{nameof(e.EntityType)}");
        OptionsChecks.Require(failures, e.Path, $"{prefix}.{nameof(e.Path)}");
        OptionsChecks.Require(failures, e.ItemsPath, $"{prefix}.{nameof(e.ItemsPath)}");
        OptionsChecks.Require(failures, e.IdField, $"{prefix}.{nameof(e.IdField)}");
        OptionsChecks.Require(failures, e.ModifiedField, $"{prefix}.{nameof(e.ModifiedField)}");
        if (e.PageSize is < 1 or > 10_000)
        {
            failures.Add($"{prefix}.{nameof(e.PageSize)} must be between 1 and 10000 (was {e.PageSize}).");
        }

        if (e.Overlap < TimeSpan.Zero || e.Overlap > TimeSpan.FromDays(1))
        {
            failures.Add($"{prefix}.{nameof(e.Overlap)} must be between zero and one day (was {e.Overlap}).");
        }

        if (e.MaxLookback is { } max && max <= e.Overlap)
        {
            failures.Add($"{prefix}.{nameof(e.MaxLookback)} must be longer than {nameof(e.Overlap)} (was {max}).");
        }

        if (e.Pagination is PollingPagination.Page or PollingPagination.Offset or PollingPagination.NextToken)
        {
            OptionsChecks.Require(failures, e.PageParameter, $"{prefix}.{nameof(e.PageParameter)}");
        }

        if (e.Pagination is PollingPagination.NextToken or PollingPagination.NextLink)
        {
            OptionsChecks.Require(failures, e.NextPath, $"{prefix}.{nameof(e.NextPath)}");
        }

        if (e.ModifiedSince == ModifiedSinceFilter.QueryParameter)
        {
            OptionsChecks.Require(failures, e.ModifiedSinceParameter, $"{prefix}.{nameof(e.ModifiedSinceParameter)}");
        }

        if (e.IdListing is { } listing)
        {
            Check($"{prefix}.{nameof(e.IdListing)}", listing, failures);
        }
    }

    private static void Check(string prefix, PollingIdListing l, List<string> failures)
    {
        OptionsChecks.Require(failures, l.Path, $"{prefix}.{nameof(l.Path)}");
        OptionsChecks.Require(failures, l.ItemsPath, $"{prefix}.{nameof(l.ItemsPath)}");
        if (l.IdField is not null)
        {
            OptionsChecks.Require(failures, l.IdField, $"{prefix}.{nameof(l.IdField)}");
        }

        if (l.PageSize is < 1 or > 10_000)
        {
            failures.Add($"{prefix}.{nameof(l.PageSize)} must be between 1 and 10000 (was {l.PageSize}).");
        }

        if (l.Pagination is PollingPagination.Page or PollingPagination.Offset or PollingPagination.NextToken)
        {
            OptionsChecks.Require(failures, l.PageParameter, $"{prefix}.{nameof(l.PageParameter)}");
        }

        if (l.Pagination is PollingPagination.NextToken or PollingPagination.NextLink)
        {
            OptionsChecks.Require(failures, l.NextPath, $"{prefix}.{nameof(l.NextPath)}");
        }

        if (l.Every < TimeSpan.FromMinutes(1) || l.Every > TimeSpan.FromDays(30))
        {
            failures.Add($"{prefix}.{nameof(l.Every)} must be between 1 minute and 30 days (was {l.Every}).");
        }

        if (l.MaxDeleteFraction is < 0 or > 1 || double.IsNaN(l.MaxDeleteFraction))
        {
            failures.Add($"{prefix}.{nameof(l.MaxDeleteFraction)} must be between 0 and 1 (was {l.MaxDeleteFraction}).");
        }
    }
}
