using System.Globalization;
using System.Text;
using AccountingSync.Model;
using AccountingSync.Targets.Ledger.Mapping;

namespace AccountingSync.Targets.Ledger.Internal;

/// <summary>Looks up every key and entity of a bulk call in a few queries instead of two per write.</summary>
internal sealed partial class SqlLedgerSession
{
    // Well under SQLite's and PostgreSQL's parameter limits, with three parameters per entity.
    private const int Chunk = 300;

    public async ValueTask PrefetchAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        var keys = entries.Select(e => e.Key.ToString()).Distinct(StringComparer.Ordinal).ToList();
        var sources = entries.Select(e => e.Source).Distinct().ToList();
        for (var start = 0; start < keys.Count; start += Chunk)
        {
            await PrefetchKeysAsync(keys.GetRange(start, Math.Min(Chunk, keys.Count - start)), cancellationToken)
                .ConfigureAwait(false);
        }

        for (var start = 0; start < sources.Count; start += Chunk)
        {
            await PrefetchCurrentAsync(sources.GetRange(start, Math.Min(Chunk, sources.Count - start)), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async ValueTask PrefetchKeysAsync(List<string> keys, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder("SELECT idempotency_key, id FROM ledger_transactions WHERE idempotency_key IN (");
        for (var i = 0; i < keys.Count; i++)
        {
            sql.Append(i == 0 ? "@k0" : string.Create(CultureInfo.InvariantCulture, $", @k{i}"));
            Add(command, "k" + i.ToString(CultureInfo.InvariantCulture), keys[i]);
            _knownKeys[keys[i]] = null;
        }

        command.CommandText = sql.Append(')').ToString();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            _knownKeys[reader.GetString(0)] = Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture);
        }
    }

    private async ValueTask PrefetchCurrentAsync(List<SourceIdentity> sources, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;

        // An IN list on the leading column of the partial unique index; a long OR of exact matches would cost
        // SQLite more to plan than to run. Rows of other systems or types with the same id are dropped below.
        var sql = new StringBuilder($"SELECT {CurrentColumns} FROM ledger_transactions WHERE is_current = 1 AND source_id IN (");
        var ids = sources.Select(s => s.Id).Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            sql.Append(i == 0 ? "@i0" : string.Create(CultureInfo.InvariantCulture, $", @i{i}"));
            Add(command, "i" + i.ToString(CultureInfo.InvariantCulture), ids[i]);
        }

        foreach (var source in sources)
        {
            _knownCurrent[source] = null;
        }

        command.CommandText = sql.Append(')').ToString();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var entry = ReadEntry(reader);
            if (_knownCurrent.ContainsKey(entry.Source))
            {
                _knownCurrent[entry.Source] = entry;
            }
        }
    }
}
