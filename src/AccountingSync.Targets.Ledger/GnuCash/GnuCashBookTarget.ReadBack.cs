using System.Runtime.CompilerServices;
using AccountingSync.Connectors;
using AccountingSync.Model;

namespace AccountingSync.Targets.Ledger.GnuCash;

/// <summary>Read-back by source identity.</summary>
public sealed partial class GnuCashBookTarget
{
    /// <inheritdoc />
    /// <exception cref="GnuCashBookException">GnuCash holds the book open, or its schema is unknown.</exception>
    public async ValueTask<TargetRecord?> FindBySourceAsync(SourceIdentity source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var session = Open();
            await using (session.ConfigureAwait(false))
            {
                var entry = await session.FindCurrentAsync(source, cancellationToken).ConfigureAwait(false);
                return entry?.ToRecord();
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    /// <exception cref="GnuCashBookException">GnuCash holds the book open, or its schema is unknown.</exception>
    public async IAsyncEnumerable<TargetRecord> ListBySystemAsync(
        string system, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        var records = new List<TargetRecord>();
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var session = Open();
            await using (session.ConfigureAwait(false))
            {
                foreach (var source in session.CurrentSources(system))
                {
                    if ((await session.FindCurrentAsync(source, cancellationToken).ConfigureAwait(false))?.ToRecord() is { } record)
                    {
                        records.Add(record);
                    }
                }
            }
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
