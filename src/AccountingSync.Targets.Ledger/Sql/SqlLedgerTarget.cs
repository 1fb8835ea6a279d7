using System.Data.Common;
using AccountingSync.Connectors;
using AccountingSync.Targets.Ledger.Internal;
using AccountingSync.Targets.Ledger.Mapping;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AccountingSync.Targets.Ledger.Sql;

/// <summary>
/// A double-entry ledger in a SQL database (SQLite or PostgreSQL): tables <c>ledger_accounts</c>,
/// <c>ledger_transactions</c> and <c>ledger_splits</c>, one transaction per applied document version.
/// </summary>
/// <remarks>
/// <para>
/// Every transaction's splits sum to zero in integer minor units; a document that would not balance is refused
/// with <see cref="ErrorClass.Validation"/>. The idempotency key is unique in <c>ledger_transactions</c>, and a
/// partial unique index allows one current transaction per source entity. A newer version, a delete or a void
/// replaces the entity's splits and keeps the superseded row (with <c>is_current = 0</c>) as a record of what
/// was applied; an older version never replaces a newer one. Each bulk call is one database transaction.
/// </para>
/// <para>
/// The ledger owns its tables and creates them on first use; they may share a database with other stores.
/// This type is thread-safe.
/// </para>
/// </remarks>
public sealed partial class SqlLedgerTarget : ITargetConnector, ITargetReadBack
{
    private readonly Func<CancellationToken, ValueTask<DbConnection>> _open;
    private readonly SqlLedgerDialect _dialect;
    private readonly LedgerTargetContext _context;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

    private SqlLedgerTarget(
        Func<CancellationToken, ValueTask<DbConnection>> open, SqlLedgerDialect dialect, SqlLedgerOptions? options,
        TimeProvider? timeProvider, ILogger? logger)
    {
        options ??= new SqlLedgerOptions();
        LedgerOptionsValidation.ThrowIfInvalid(new SqlLedgerOptionsValidator(), options);

        _open = open;
        _dialect = dialect;
        _context = new LedgerTargetContext(options.Name, new PostingMapper(options.Posting), logger ?? NullLogger.Instance);
        _time = timeProvider ?? TimeProvider.System;
        Name = options.Name;
        Capabilities = new TargetCapabilities
        {
            MaxBulkSize = options.MaxBulkSize, SupportsReadBack = true, Rounding = options.Posting.Rounding,
        };
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public TargetCapabilities Capabilities { get; }

    /// <summary>Creates a ledger in a SQLite database, a file by default.</summary>
    /// <param name="connectionString">The connection string, such as <c>Data Source=books.db</c>.</param>
    /// <param name="options">The settings; defaults when null.</param>
    /// <param name="timeProvider">The clock for <c>written_at</c>; the system clock when null.</param>
    /// <param name="logger">The logger; none when null.</param>
    /// <returns>The target.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">
    /// A setting is invalid; the message names it.
    /// </exception>
    public static SqlLedgerTarget ForSqlite(
        string connectionString, SqlLedgerOptions? options = null, TimeProvider? timeProvider = null,
        ILogger<SqlLedgerTarget>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new SqlLedgerTarget(
            async ct =>
            {
                var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync(ct).ConfigureAwait(false);
                return connection;
            },
            SqlLedgerDialect.Sqlite, options, timeProvider, logger);
    }

    /// <summary>Creates a ledger in a PostgreSQL database.</summary>
    /// <param name="dataSource">The data source; the caller owns and disposes it.</param>
    /// <param name="options">The settings; defaults when null.</param>
    /// <param name="timeProvider">The clock for <c>written_at</c>; the system clock when null.</param>
    /// <param name="logger">The logger; none when null.</param>
    /// <returns>The target.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">
    /// A setting is invalid; the message names it.
    /// </exception>
    public static SqlLedgerTarget ForPostgreSql(
        NpgsqlDataSource dataSource, SqlLedgerOptions? options = null, TimeProvider? timeProvider = null,
        ILogger<SqlLedgerTarget>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return new SqlLedgerTarget(
            async ct => await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false),
            SqlLedgerDialect.PostgreSql, options, timeProvider, logger);
    }

    /// <inheritdoc />
    public async ValueTask<TargetWriteResult> WriteAsync(TargetWrite write, CancellationToken cancellationToken)
    {
        var results = new TargetWriteResult[1];
        await WriteBulkAsync(new[] { write }, results, cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    /// <inheritdoc />
    public async ValueTask WriteBulkAsync(
        ReadOnlyMemory<TargetWrite> writes, Memory<TargetWriteResult> results, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _open(cancellationToken).ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var session = new SqlLedgerSession(connection, transaction, _time);
        await using (session.ConfigureAwait(false))
        {
            await LedgerWriteLoop.WriteAsync(_context, session, writes, results, cancellationToken).ConfigureAwait(false);
        }
    }
}
