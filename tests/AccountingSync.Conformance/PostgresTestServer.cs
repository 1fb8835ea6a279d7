namespace AccountingSync.Conformance;

/// <summary>
/// The PostgreSQL server tests run against, from <c>ACCOUNTINGSYNC_POSTGRES</c> (an Npgsql connection string;
/// <c>.ci/services/postgresql.sh</c> starts a throw-away cluster and sets it).
/// </summary>
/// <remarks>
/// Without the variable a test is skipped with a reason saying how to get a server, except under
/// <c>CI=true</c>, where it fails: CI always starts one, so a missing server there is a broken setup.
/// </remarks>
public static class PostgresTestServer
{
    /// <summary>The environment variable holding the connection string.</summary>
    public const string Variable = "ACCOUNTINGSYNC_POSTGRES";

    /// <summary>Gets the connection string, or null when the variable is not set.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Returns the connection string, or skips the test (fails it under CI) when there is none.</summary>
    /// <returns>The connection string.</returns>
    public static string Require()
    {
        if (ConnectionString is { } value)
        {
            return value;
        }

        var reason = $"{Variable} is not set, so the PostgreSQL tests have no server. Start one with " +
                     $"'source .ci/services/postgresql.sh' (it exports {Variable}), or point it at a server of your own.";
        if (SharedData.IsCi)
        {
            Assert.Fail(reason + " Under CI=true this is a failure: CI must provide the server.");
        }

        Assert.Skip(reason);
        return null!;
    }
}
