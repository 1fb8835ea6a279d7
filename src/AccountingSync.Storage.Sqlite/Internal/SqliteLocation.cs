using Microsoft.Data.Sqlite;

namespace AccountingSync.Storage.Sqlite.Internal;

/// <summary>Accepts a database either as a file path or as a connection string naming one.</summary>
internal static class SqliteLocation
{
    public static string ToPath(string pathOrConnectionString)
    {
        // A path may contain '=' too; only a string that parses and names a data source is taken as a connection string.
        if (pathOrConnectionString.Contains('=', StringComparison.Ordinal))
        {
            try
            {
                var builder = new SqliteConnectionStringBuilder(pathOrConnectionString);
                if (!string.IsNullOrWhiteSpace(builder.DataSource))
                {
                    return builder.DataSource;
                }
            }
            catch (ArgumentException)
            {
                // Not a connection string: a path with '=' in it.
            }
        }

        return pathOrConnectionString;
    }
}
