namespace AccountingSync.Conformance;

/// <summary>
/// Finds the shared test data that sits beside the repository (<c>../shared</c>): webhook signature vectors,
/// real exports and provider payloads. They are read in place, never copied into the repository.
/// </summary>
/// <remarks>
/// When the folder is missing a test is skipped with a visible reason, except under <c>CI=true</c>, where a
/// missing folder fails the test: CI always has it, so its absence there is a broken setup.
/// </remarks>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>Gets a value indicating whether the tests run in CI (<c>CI=true</c>).</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Gets the repository's root folder (the one holding <c>AccountingSync.Sdk.sln</c>).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Gets the shared folder, or null when it is not there.</summary>
    public static string? Directory => Root.Value;

    /// <summary>Returns the full path of a file or folder under the shared folder, or skips the test when it is missing.</summary>
    /// <param name="relativePath">The path under the shared folder, such as <c>data/online_retail_prefix.csv</c>.</param>
    /// <returns>The full path.</returns>
    public static string Require(string relativePath)
    {
        var path = Directory is null ? null : Path.Combine(Directory, relativePath);
        if (path is not null && (File.Exists(path) || System.IO.Directory.Exists(path)))
        {
            return path;
        }

        var reason = $"Shared test data '{relativePath}' was not found beside the repository (../shared).";
        if (IsCi)
        {
            throw new InvalidOperationException(reason + " CI must have it.");
        }

        Assert.Skip(reason);
        return null!;
    }

    private static string? FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("ACCOUNTINGSYNC_SHARED_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment) && System.IO.Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        var candidate = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
        return System.IO.Directory.Exists(candidate) ? candidate : null;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AccountingSync.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the repository: AccountingSync.Sdk.sln was not found above them.");
    }
}
