using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AccountingSync.Connectors;
using AccountingSync.Model;
using AccountingSync.Model.Documents;
using AccountingSync.Targets.Ledger.Mapping;
using Microsoft.Extensions.Logging;

namespace AccountingSync.Targets.Ledger.Internal;

/// <summary>
/// The journal file and its index of the transactions this SDK wrote, rebuilt whenever the file changed
/// behind the target's back. In stored postings the account code field holds the account name as written.
/// </summary>
internal sealed partial class HledgerJournal(string path, ChartOfAccounts chart, ILogger logger)
{
    private long _length = -1;
    private DateTime _modified;

    public string Path { get; } = path;

    public ChartOfAccounts Chart { get; } = chart;

    public Dictionary<string, string> Keys { get; } = new(StringComparer.Ordinal);

    public Dictionary<SourceIdentity, StoredEntry> Current { get; } = [];

    public async ValueTask RefreshAsync(CancellationToken cancellationToken)
    {
        var info = new FileInfo(Path);
        var length = info.Exists ? info.Length : 0;
        var modified = info.Exists ? info.LastWriteTimeUtc : default;
        if (length == _length && modified == _modified)
        {
            return;
        }

        Keys.Clear();
        Current.Clear();
        if (info.Exists)
        {
            var lines = await File.ReadAllLinesAsync(Path, cancellationToken).ConfigureAwait(false);
            Index(lines);
            Log.JournalIndexed(logger, System.IO.Path.GetFileName(Path), Current.Count);
        }

        _length = length;
        _modified = modified;
    }

    public async ValueTask AppendAsync(string text, CancellationToken cancellationToken)
    {
        var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        var info = new FileInfo(Path);
        _length = info.Length;
        _modified = info.LastWriteTimeUtc;
    }

    private void Index(string[] lines)
    {
        Dictionary<string, string>? tags = null;
        List<Posting>? postings = null;
        DateOnly date = default;
        foreach (var raw in lines.Append(string.Empty))
        {
            if (raw.Length > 0 && char.IsAsciiDigit(raw[0]))
            {
                Finish(tags, postings, date);
                tags = null;
                var semicolon = raw.IndexOf(';', StringComparison.Ordinal);
                if (semicolon < 10 || !DateOnly.TryParseExact(raw[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture,
                        DateTimeStyles.None, out date))
                {
                    continue;
                }

                tags = HledgerText.ParseTags(raw[(semicolon + 1)..]);
                postings = [];
            }
            else if (raw.Length > 0 && char.IsWhiteSpace(raw[0]) && tags is not null && postings is not null)
            {
                var match = PostingLine().Match(raw);
                if (match.Success)
                {
                    postings.Add(new Posting(match.Groups["account"].Value,
                        decimal.Parse(match.Groups["amount"].Value, NumberStyles.Number, CultureInfo.InvariantCulture), null));
                }
            }
            else if (raw.Trim().Length == 0)
            {
                Finish(tags, postings, date);
                tags = null;
            }
        }
    }

    private void Finish(Dictionary<string, string>? tags, List<Posting>? postings, DateOnly date)
    {
        // Only transactions carrying both tags are states of an entity; reversals and hand-written
        // transactions are left alone.
        if (tags is null || postings is null || !tags.TryGetValue("key", out var key)
            || !tags.TryGetValue("source", out var source) || HledgerText.ParseSource(source) is not { } identity)
        {
            return;
        }

        Keys[key] = key;
        var code = tags.GetValueOrDefault("currency", "XXX");
        var total = decimal.Parse(tags.GetValueOrDefault("total", "0"), NumberStyles.Number, CultureInfo.InvariantCulture);
        var currency = Currency.TryFromCode(code, out var known) ? known : new Currency(code, Math.Min(4, (int)total.Scale));
        Current[identity] = new StoredEntry(
            key, identity, HledgerText.ParseVersion(tags.GetValueOrDefault("version", "none")),
            Enum.TryParse<ChangeOperation>(tags.GetValueOrDefault("op"), out var op) ? op : ChangeOperation.Upsert,
            Enum.TryParse<DocumentKind>(tags.GetValueOrDefault("kind"), out var kind) ? kind : DocumentKind.JournalEntry,
            date, currency, total, postings);
    }

    [GeneratedRegex(@"^\s+(?<account>[^;\s][^;]*?)(?:\s{2,}|\t)\s*(?<amount>-?[0-9][0-9,]*(?:\.[0-9]+)?)\s+[A-Za-z]{3}\s*(?:;.*)?$")]
    private static partial Regex PostingLine();
}
