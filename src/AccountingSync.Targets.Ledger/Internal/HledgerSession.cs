using System.Text;
using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Targets.Ledger.Mapping;

namespace AccountingSync.Targets.Ledger.Internal;

/// <summary>One bulk call on the journal: text is gathered and appended in one write at commit.</summary>
internal sealed class HledgerSession(HledgerJournal journal) : ILedgerSession
{
    private readonly StringBuilder _text = new();
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<SourceIdentity, StoredEntry> _current = [];

    public ValueTask PrefetchAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    public ValueTask<string?> FindByKeyAsync(IdempotencyKey key, CancellationToken cancellationToken)
    {
        var text = key.ToString();
        return ValueTask.FromResult(_keys.TryGetValue(text, out var id) || journal.Keys.TryGetValue(text, out id) ? id : null);
    }

    public ValueTask<StoredEntry?> FindCurrentAsync(SourceIdentity source, CancellationToken cancellationToken) =>
        ValueTask.FromResult(
            _current.TryGetValue(source, out var entry) || journal.Current.TryGetValue(source, out entry) ? entry : null);

    public ValueTask<string> ApplyAsync(LedgerEntry entry, StoredEntry? previous, CancellationToken cancellationToken)
    {
        if (previous is { Operation: ChangeOperation.Upsert })
        {
            var reversal = previous.Postings.Select(p => (p.AccountCode, -p.Amount)).ToList();
            if (entry.Operation == ChangeOperation.Upsert)
            {
                HledgerText.AppendTransaction(_text, entry, "Reversal: " + entry.Description, reversal,
                    [("reverses", previous.TargetId), ("source", entry.Source.ToString())]);
            }
            else
            {
                // A delete or void is the reversal itself, and becomes the entity's state.
                return Record(entry, reversal);
            }
        }

        var legs = entry.Postings.Select(p => (Name(p.AccountCode), p.Amount)).ToList();
        return Record(entry, legs);
    }

    public async ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        if (_text.Length == 0)
        {
            return;
        }

        await journal.AppendAsync(_text.ToString(), cancellationToken).ConfigureAwait(false);
        foreach (var (key, id) in _keys)
        {
            journal.Keys[key] = id;
        }

        foreach (var (source, entry) in _current)
        {
            journal.Current[source] = entry;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private ValueTask<string> Record(LedgerEntry entry, List<(string Account, decimal Amount)> legs)
    {
        HledgerText.AppendTransaction(_text, entry, entry.Description, legs, HledgerText.StateTags(entry));
        var id = entry.Key.ToString();
        _keys[id] = id;
        _current[entry.Source] = new StoredEntry(id, entry.Source, entry.Version, entry.Operation, entry.Kind, entry.Date,
            entry.Currency, entry.Total, [.. legs.Select(l => new Posting(l.Account, l.Amount, null))]);
        return ValueTask.FromResult(id);
    }

    private string Name(string code) =>
        journal.Chart.TryGet(code, out var account) ? account.Path : throw new PostingException($"Unknown account '{code}'.");
}
