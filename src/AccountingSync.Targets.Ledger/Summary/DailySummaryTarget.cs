using System.Globalization;
using System.Runtime.CompilerServices;
using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Model.Documents;
using AccountingSync.Targets.Ledger.Internal;

namespace AccountingSync.Targets.Ledger.Summary;

/// <summary>
/// A target in front of the books that books routine sales receipts as one summary journal per day and currency
/// instead of one entry each: route them to its lane (<see cref="DailySummaryOptions.Lane"/>, for example with a
/// <see cref="Routing.RuleRouter"/> rule on kind and total) and every other write passes through unchanged.
/// </summary>
/// <remarks>
/// <para>
/// Each receipt folded in, changed or removed raises its day's revision, and the day's journal is written again
/// at that revision: debit <see cref="DailySummaryOptions.DebitAccount"/> with the takings, credit sales and tax.
/// The books keep the newest revision, so concurrent folds of one day settle on the journal holding all of them.
/// The receipt write succeeds once its day's journal is in the books; when the journal write fails the receipt is
/// retried, finds itself already folded, and writes the journal again, so nothing is counted twice.
/// </para>
/// <para>
/// Read-back answers for a summarised receipt with its amount, date and the journal that holds it, so a
/// reconciliation by entity still matches. Only <see cref="SalesReceipt"/> documents can be summarised; any other
/// document routed to the lane is refused as a permanent failure naming it. This type is thread-safe.
/// </para>
/// </remarks>
public sealed class DailySummaryTarget : ITargetConnector, ITargetReadBack, IDisposable
{
    private readonly ITargetConnector _books;
    private readonly ITargetReadBack _readBack;
    private readonly DailySummaryOptions _options;
    private readonly SummaryBook _book;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates the target in front of the books.</summary>
    /// <param name="books">The books; they must support read-back.</param>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentException">The books cannot be read back, or a setting is blank.</exception>
    public DailySummaryTarget(ITargetConnector books, DailySummaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(books);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath, "DailySummaryOptions.DatabasePath");
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Lane, "DailySummaryOptions.Lane");
        ArgumentException.ThrowIfNullOrWhiteSpace(options.System, "DailySummaryOptions.System");
        _readBack = books as ITargetReadBack
            ?? throw new ArgumentException($"Target '{books.Name}' cannot be read back.", nameof(books));
        _books = books;
        _options = options;
        _book = new SummaryBook(options.DatabasePath);
    }

    /// <inheritdoc />
    public string Name => _books.Name;

    /// <inheritdoc />
    public TargetCapabilities Capabilities => _books.Capabilities;

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
        if (results.Length != writes.Length)
        {
            throw new ArgumentException("There must be exactly one result slot per write.", nameof(results));
        }

        var passing = new List<int>();
        var folding = new List<(int Index, string Day, string Currency, SalesTotalsText Amounts)>();
        for (var i = 0; i < writes.Length; i++)
        {
            var write = writes.Span[i];
            if (!string.Equals(write.Lane, _options.Lane, StringComparison.Ordinal))
            {
                passing.Add(i);
            }
            else if (write.Document is SalesReceipt receipt)
            {
                var totals = receipt.ComputeTotals(_options.Rounding);
                folding.Add((i, receipt.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), receipt.Currency.Code, new(
                    Text(totals.Subtotal.Amount), Text(totals.Tax.Amount), Text(totals.Total.Amount))));
            }
            else
            {
                results.Span[i] = TargetWriteResult.Failed(ErrorClass.Permanent, $"{write.Document.Kind} {write.Document.Source} "
                    + $"was routed to the summary lane '{_options.Lane}', which only sums sales receipts.");
            }
        }

        if (passing.Count > 0)
        {
            var passed = passing.Select(i => writes.Span[i]).ToArray();
            var answers = new TargetWriteResult[passed.Length];
            await _books.WriteBulkAsync(passed, answers, cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < passing.Count; j++)
            {
                results.Span[passing[j]] = answers[j];
            }
        }

        if (folding.Count > 0)
        {
            var outcomes = await FoldAsync(writes, folding, cancellationToken).ConfigureAwait(false);
            foreach (var (index, day, currency, _) in folding)
            {
                results.Span[index] = outcomes[(day, currency)];
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<TargetRecord?> FindBySourceAsync(SourceIdentity source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        List<TargetRecord> found;
        try
        {
            found = _book.Receipts(source.System, source, _options.System);
        }
        finally
        {
            _gate.Release();
        }

        return found.Count > 0 ? found[0] : await _readBack.FindBySourceAsync(source, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<TargetRecord> ListBySystemAsync(
        string system, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in _readBack.ListBySystemAsync(system, cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        List<TargetRecord> receipts;
        try
        {
            receipts = _book.Receipts(system, null, _options.System);
        }
        finally
        {
            _gate.Release();
        }

        foreach (var receipt in receipts)
        {
            yield return receipt;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _book.Dispose();
        _gate.Dispose();
    }

    private async Task<Dictionary<(string, string), TargetWriteResult>> FoldAsync(
        ReadOnlyMemory<TargetWrite> writes, List<(int Index, string Day, string Currency, SalesTotalsText Amounts)> folding,
        CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        List<TargetWrite> journals;
        try
        {
            var span = writes.ToArray();
            var touched = _book.Fold(folding.Select(f => (span[f.Index], f.Day, f.Currency, f.Amounts)));
            journals = [.. touched.Select(d => Journal(d.Day, d.Currency))];
        }
        finally
        {
            _gate.Release();
        }

        var answers = new TargetWriteResult[journals.Count];
        await _books.WriteBulkAsync(journals.ToArray(), answers, cancellationToken).ConfigureAwait(false);
        var outcomes = new Dictionary<(string, string), TargetWriteResult>();
        for (var i = 0; i < journals.Count; i++)
        {
            var journal = (JournalEntry)journals[i].Document;
            var answer = answers[i];
            outcomes[(journal.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), journal.Currency.Code)] =
                answer.Status is WriteStatus.Written or WriteStatus.AlreadyApplied
                    ? TargetWriteResult.Written(answer.TargetId ?? journal.Source.ToString())
                    : answer;
        }

        return outcomes;
    }

    private TargetWrite Journal(string day, string currencyCode)
    {
        var (revision, count, net, tax, gross) = _book.Day(day, currencyCode);
        var currency = Currency.FromCode(currencyCode);
        var journal = new JournalEntry
        {
            Source = new SourceIdentity(_options.System, "journal", $"{day}.{currencyCode}"),
            Version = SourceVersion.FromSequence(revision),
            Date = DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Currency = currency,
            Memo = string.Create(CultureInfo.InvariantCulture, $"Daily sales summary: {count} receipt(s)"),
            Lines = count == 0 ? [] :
            [
                new JournalLine { AccountCode = _options.DebitAccount, Debit = gross, Description = "Takings" },
                new JournalLine { AccountCode = _options.SalesAccount, Credit = net, Description = "Sales" },
                .. tax == 0m
                    ? Array.Empty<JournalLine>()
                    : [new JournalLine { AccountCode = _options.TaxAccount, Credit = tax, Description = "Tax" }],
            ],
        };
        var operation = count == 0 ? ChangeOperation.Delete : ChangeOperation.Upsert;
        return new TargetWrite(IdempotencyKey.Derive(_books.Name, journal.Source, journal.Version, operation), journal, operation);
    }

    private static string Text(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);
}
