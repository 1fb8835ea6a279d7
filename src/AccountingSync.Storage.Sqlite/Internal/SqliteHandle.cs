using Microsoft.Data.Sqlite;

namespace AccountingSync.Storage.Sqlite.Internal;

/// <summary>
/// One open connection and the statements prepared on it. A handle is used by one caller at a time: the pool
/// hands it out and takes it back, so the commands it caches are never shared between threads.
/// </summary>
internal sealed class SqliteHandle : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SqliteRawStatement> _rawStatements = new(StringComparer.Ordinal);

    public SqliteHandle(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    /// <summary>Gets the statement for a SQL text, prepared once per connection and reused.</summary>
    /// <param name="sql">The SQL text; parameters are bound by the order of <paramref name="parameters"/>.</param>
    /// <param name="transaction">The transaction the statement runs in, or null.</param>
    /// <param name="parameters">The parameter names, in the order callers set them by index.</param>
    /// <returns>The command, its parameter values to be set by the caller.</returns>
    public SqliteCommand Command(string sql, SqliteTransaction? transaction, params ReadOnlySpan<string> parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            _commands[sql] = command;
        }

        command.Transaction = transaction;
        return command;
    }

    /// <summary>Gets a statement prepared on the native connection, once per connection and reused.</summary>
    /// <param name="sql">The SQL text, its parameters numbered <c>?1</c>, <c>?2</c>…</param>
    /// <returns>The statement, for the caller to bind and run.</returns>
    public SqliteRawStatement RawStatement(string sql)
    {
        if (!_rawStatements.TryGetValue(sql, out var statement))
        {
            statement = new SqliteRawStatement(Connection, sql);
            _rawStatements[sql] = statement;
        }

        return statement;
    }

    /// <summary>Runs SQL that is not worth caching (schema changes, pragmas).</summary>
    /// <param name="sql">The SQL.</param>
    /// <param name="transaction">The transaction, or null.</param>
    public void Execute(string sql, SqliteTransaction? transaction = null)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        foreach (var statement in _rawStatements.Values)
        {
            statement.Dispose();
        }

        _rawStatements.Clear();
        Connection.Dispose();
    }
}
