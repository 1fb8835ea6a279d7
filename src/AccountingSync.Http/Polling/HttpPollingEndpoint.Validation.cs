namespace AccountingSync.Http.Polling;

public sealed partial record HttpPollingEndpoint
{
    /// <summary>Checks the settings and names every one that is wrong.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range; the message names it.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        Require(problems, System, nameof(System));
        Require(problems, EntityType, nameof(EntityType));
        Require(problems, Path, nameof(Path));
        Require(problems, ItemsPath, nameof(ItemsPath));
        Require(problems, IdField, nameof(IdField));
        Require(problems, ModifiedField, nameof(ModifiedField));
        if (PageSize is < 1 or > 10_000)
        {
            problems.Add($"{nameof(PageSize)} must be between 1 and 10000 (was {PageSize}).");
        }

        if (Overlap < TimeSpan.Zero || Overlap > TimeSpan.FromDays(1))
        {
            problems.Add($"{nameof(Overlap)} must be between zero and one day (was {Overlap}).");
        }

        if (MaxLookback is { } max && max <= Overlap)
        {
            problems.Add($"{nameof(MaxLookback)} must be longer than {nameof(Overlap)}.");
        }

        if (Pagination is PollingPagination.Page or PollingPagination.Offset or PollingPagination.NextToken)
        {
            Require(problems, PageParameter, nameof(PageParameter));
        }

        if (Pagination is PollingPagination.NextToken or PollingPagination.NextLink)
        {
            Require(problems, NextPath, nameof(NextPath));
        }

        if (ModifiedSince == ModifiedSinceFilter.QueryParameter)
        {
            Require(problems, ModifiedSinceParameter, nameof(ModifiedSinceParameter));
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"The polling endpoint '{EntityType}' is invalid: {string.Join(" ", problems)}");
        }
    }

    private static void Require(List<string> problems, string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{name} is required.");
        }
    }
}
