using System.Runtime.CompilerServices;
using AccountingSync.Connectors;
using AccountingSync.Model;
using AccountingSync.Targets.Ledger.Internal;

namespace AccountingSync.Targets.Ledger.Sql;

/// <summary>Read-back by source identity, and the schema.</summary>
public sealed partial class SqlLedgerTarget
{
    /// <inheritdoc />
    public async ValueTask<TargetRecord?> FindBySourceAsync(SourceIdentity source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _open(cancellationToken).ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var session = new SqlLedgerSession(connection, transaction, _time);
        await using (session.ConfigureAwait(false))
        {
            var entry = await session.FindCurrentAsync(source, cancellationToken).ConfigureAwait(false);
            return entry?.ToRecord();
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<TargetRecord> ListBySystemAsync(
        string system, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _open(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText =
                $"SELECT {SqlLedgerSession.CurrentColumns} FROM ledger_transactions WHERE source_system = @system AND is_current = 1";
            SqlLedgerSession.Add(command, "system", system);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (SqlLedgerSession.ReadEntry(reader).ToRecord() is { } record)
                    {
                        yield return record;
                    }
                }
            }
        }
    }

    /// <summary>Creates the ledger's tables when missing and brings its accounts in step with the chart.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the schema is ready.</returns>
    /// <remarks>Called on first use; call it at startup to fail early on a database that cannot be reached.</remarks>
    public async ValueTask EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            var connection = await _open(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    foreach (var statement in _dialect.Schema)
                    {
                        using var ddl = connection.CreateCommand();
                        ddl.Transaction = transaction;
                        ddl.CommandText = statement;
                        await ddl.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    foreach (var account in _context.Mapper.Options.Chart.Accounts)
                    {
                        using var upsert = connection.CreateCommand();
                        upsert.Transaction = transaction;
                        upsert.CommandText =
                            "INSERT INTO ledger_accounts (code, name, account_type, path) VALUES (@code, @name, @type, @path) "
                            + "ON CONFLICT (code) DO UPDATE SET name = excluded.name, account_type = excluded.account_type, "
                            + "path = excluded.path";
                        SqlLedgerSession.Add(upsert, "code", account.Code);
                        SqlLedgerSession.Add(upsert, "name", account.Name);
                        SqlLedgerSession.Add(upsert, "type", account.Type.ToString());
                        SqlLedgerSession.Add(upsert, "path", account.Path);
                        await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }
}
