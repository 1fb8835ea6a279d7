using AccountingSync.Connectors;
using AccountingSync.Targets.Ledger.Internal;
using AccountingSync.Targets.Ledger.Mapping;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccountingSync.Targets.Ledger.GnuCash;

/// <summary>
/// Writes balanced transactions into a GnuCash SQLite book, the file GnuCash 4 and 5 open, creating the book
/// (from a GnuCash account template, when given) if the file does not exist.
/// </summary>
/// <remarks>
/// <para>
/// Amounts are GnuCash rationals in the book currency's minor unit (<c>value_num / value_denom</c>, 1234/100).
/// Each transaction carries its source identity, idempotency key and version in <c>accountingsync-*</c> slots,
/// which GnuCash keeps when the transaction is edited; a repeated key answers with the first transaction's GUID.
/// A newer version adds a reversal of the previous transaction and then the new one, and a delete or void adds the
/// reversal alone, so the book keeps its audit trail as an accountant would.
/// </para>
/// <para>
/// A book GnuCash holds open (a row in <c>gnclock</c>) is refused as a transient failure, a book whose table
/// versions this SDK does not know as a permanent one; <see cref="EnsureBookAsync"/> throws
/// <see cref="GnuCashBookException"/> for both. Each bulk call is one SQLite transaction. This type is
/// thread-safe within one process.
/// </para>
/// </remarks>
public sealed partial class GnuCashBookTarget : ITargetConnector, ITargetReadBack
{
    private readonly Model.Currency _currency;
    private readonly string? _templatePath;
    private readonly LedgerTargetContext _context;
    private readonly TimeProvider _time;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>Creates a target for a book file.</summary>
    /// <param name="path">The book's path (<c>*.gnucash</c>); created when missing.</param>
    /// <param name="options">The settings; defaults when null.</param>
    /// <param name="timeProvider">The clock for GnuCash's entry dates; the system clock when null.</param>
    /// <param name="logger">The logger; none when null.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">
    /// A setting is invalid; the message names it.
    /// </exception>
    public GnuCashBookTarget(
        string path, GnuCashBookOptions? options = null, TimeProvider? timeProvider = null,
        ILogger<GnuCashBookTarget>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var settings = options ?? new GnuCashBookOptions();
        LedgerOptionsValidation.ThrowIfInvalid(new GnuCashBookOptionsValidator(), settings);

        // The options are mutable; what the book needs is read once so later changes cannot split its state.
        _currency = settings.Currency;
        _templatePath = settings.TemplatePath;
        _context = new LedgerTargetContext(
            settings.Name, new PostingMapper(settings.Posting), (ILogger?)logger ?? NullLogger.Instance);
        _time = timeProvider ?? TimeProvider.System;
        BookPath = Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = BookPath, Pooling = false }.ToString();
        Name = settings.Name;
        Capabilities = new TargetCapabilities
        {
            MaxBulkSize = settings.MaxBulkSize, SupportsReadBack = true, Rounding = settings.Posting.Rounding,
        };
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public TargetCapabilities Capabilities { get; }

    /// <summary>Gets the book's full path.</summary>
    public string BookPath { get; }

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
            GnuCashSession session;
            try
            {
                session = Open();
            }
            catch (GnuCashBookException ex)
            {
                Log.BookRefused(_context.Logger, Name, Path.GetFileName(BookPath), ex.Reason);
                var error = ex.Reason == GnuCashBookProblem.Locked ? ErrorClass.Transient : ErrorClass.Permanent;
                results.Span.Fill(TargetWriteResult.Failed(error, ex.Message));
                return;
            }

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

    /// <summary>Creates the book when missing, checks it, and adds the chart's accounts it lacks.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the book is ready.</returns>
    /// <exception cref="GnuCashBookException">GnuCash holds the book open, or its schema is unknown.</exception>
    public async ValueTask EnsureBookAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var session = Open();
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
            await session.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    private GnuCashSession Open()
    {
        var isNew = !File.Exists(BookPath);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            var transaction = connection.BeginTransaction();
            if (isNew)
            {
                GnuCashBook.Create(connection, transaction, _currency, _templatePath);
            }
            else
            {
                GnuCashBook.Check(connection, transaction, BookPath);
            }

            GnuCashBook.Execute(connection, transaction,
                "CREATE INDEX IF NOT EXISTS accountingsync_slots_lookup ON slots (name, string_val)");
            var commodity = GnuCashBook.Commodity(connection, transaction, _currency);
            var accounts = GnuCashBook.ResolveAccounts(
                connection, transaction, _context.Mapper.Options.Chart, commodity, Minor.Scale(_currency));
            return new GnuCashSession(connection, transaction, _time, _currency, commodity, accounts);
        }
        catch
        {
            connection.Dispose();
            if (isNew)
            {
                // A half-created book would be refused as "not a GnuCash book" from then on; start over next time.
                File.Delete(BookPath);
            }

            throw;
        }
    }
}
