using Microsoft.Extensions.Options;

namespace AccountingSync.Storage.Sqlite.Internal;

/// <summary>Checks <see cref="SqliteStoreOptions"/>; each failure names the setting.</summary>
internal sealed class SqliteStoreOptionsValidator : IValidateOptions<SqliteStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            failures.Add("SqliteStoreOptions.DatabasePath must name a file.");
        }
        else if (options.DatabasePath.Trim() == ":memory:" || options.DatabasePath.StartsWith("file::memory:", StringComparison.Ordinal))
        {
            failures.Add("SqliteStoreOptions.DatabasePath must be a file; an in-memory database would lose the state at restart.");
        }

        if (options.BusyTimeout < TimeSpan.FromMilliseconds(1) || options.BusyTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"SqliteStoreOptions.BusyTimeout must be between 1 ms and 10 minutes; it is {options.BusyTimeout}.");
        }

        if (options.MaxIdleReaders is < 1 or > 64)
        {
            failures.Add($"SqliteStoreOptions.MaxIdleReaders must be between 1 and 64; it is {options.MaxIdleReaders}.");
        }

        if (!Enum.IsDefined(options.Synchronous))
        {
            failures.Add($"SqliteStoreOptions.Synchronous must be Normal, Full or Grouped; it is {(int)options.Synchronous}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
