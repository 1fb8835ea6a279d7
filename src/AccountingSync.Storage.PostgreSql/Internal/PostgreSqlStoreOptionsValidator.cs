using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AccountingSync.Storage.PostgreSql.Internal;

/// <summary>Checks <see cref="PostgreSqlStoreOptions"/>; each failure names the setting.</summary>
internal sealed partial class PostgreSqlStoreOptionsValidator : IValidateOptions<PostgreSqlStoreOptions>
{
    public static bool IsValidSchema(string? schema) => schema is not null && SchemaPattern().IsMatch(schema);

    public ValidateOptionsResult Validate(string? name, PostgreSqlStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("PostgreSqlStoreOptions.ConnectionString is required.");
        }
        else
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException ex)
            {
                // The message of the driver may quote the string; only the reason is kept, never the password.
                failures.Add($"PostgreSqlStoreOptions.ConnectionString is not a valid Npgsql connection string ({ex.GetType().Name}).");
            }
        }

        if (!IsValidSchema(options.Schema))
        {
            failures.Add("PostgreSqlStoreOptions.Schema must be lower-case letters, digits and underscores, start with a " +
                         $"letter or underscore and be at most 63 characters; it is '{options.Schema}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaPattern();
}
