using System.Runtime.CompilerServices;
using AccountingSync.Connectors;
using AccountingSync.Model;
using AccountingSync.Targets.Ledger.Internal;
using AccountingSync.Targets.Ledger.Mapping;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccountingSync.Targets.Ledger.Hledger;

/// <summary>
/// Appends balanced transactions to a plain-text journal that <c>hledger</c> (and Ledger) read, each tagged
/// with its source identity and idempotency key.
/// </summary>
/// <remarks>
/// <para>
/// The journal is append-only: what is in the file is never rewritten, so a person may edit it by hand. A newer
/// version of a document appends a reversal of the postings it replaces and then the new postings; a delete or
/// void appends the reversal alone. On each call the target re-reads the file when it changed since the last
/// read and indexes the <c>source:</c> and <c>key:</c> tags of the transactions it wrote, ignoring everything
/// else, so a transaction already in the journal is never appended again.
/// </para>
/// <para>This type is thread-safe within one process; two processes must not append to the same journal.</para>
/// </remarks>
public sealed class HledgerJournalTarget : ITargetConnector, ITargetReadBack
{
    private readonly LedgerTargetContext _context;
    private readonly HledgerJournal _journal;
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>Creates a target for a journal file, created on first write when missing.</summary>
    /// <param name="path">The journal's path.</param>
    /// <param name="options">The settings; defaults when null.</param>
    /// <param name="logger">The logger; none when null.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">
    /// A setting is invalid; the message names it.
    /// </exception>
    public HledgerJournalTarget(
        string path, HledgerJournalOptions? options = null, ILogger<HledgerJournalTarget>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new HledgerJournalOptions();
        LedgerOptionsValidation.ThrowIfInvalid(new HledgerJournalOptionsValidator(), options);
        _context = new LedgerTargetContext(
            options.Name, new PostingMapper(options.Posting), (ILogger?)logger ?? NullLogger.Instance);
        _journal = new HledgerJournal(Path.GetFullPath(path), options.Posting.Chart, _context.Logger);
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

    /// <summary>Gets the journal's full path.</summary>
    public string JournalPath => _journal.Path;

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
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _journal.RefreshAsync(cancellationToken).ConfigureAwait(false);
            var session = new HledgerSession(_journal);
            await using (session.ConfigureAwait(false))
            {
                await LedgerWriteLoop.WriteAsync(_context, session, writes, results, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<TargetRecord?> FindBySourceAsync(SourceIdentity source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _journal.RefreshAsync(cancellationToken).ConfigureAwait(false);
            return _journal.Current.TryGetValue(source, out var entry) ? entry.ToRecord() : null;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<TargetRecord> ListBySystemAsync(
        string system, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        List<TargetRecord> records;
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _journal.RefreshAsync(cancellationToken).ConfigureAwait(false);
            records = [.. _journal.Current.Values
                .Where(e => string.Equals(e.Source.System, system, StringComparison.Ordinal))
                .Select(e => e.ToRecord()).OfType<TargetRecord>()];
        }
        finally
        {
            _lock.Release();
        }

        foreach (var record in records)
        {
            yield return record;
        }
    }
}
