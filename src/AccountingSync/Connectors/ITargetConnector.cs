namespace AccountingSync.Connectors;

/// <summary>
/// An accounting system records are written to. Implement this (and optionally <see cref="ITargetReadBack"/>)
/// to add a target; derive from <see cref="TargetConnector"/> when the system has no bulk endpoint.
/// </summary>
/// <remarks>
/// <para>
/// Every write carries an <see cref="Idempotency.IdempotencyKey"/>. A target must apply a key at most once, by
/// passing it to the provider (QuickBooks' <c>requestid</c>, Stripe's <c>Idempotency-Key</c>) or by a unique
/// constraint of its own, and answer <see cref="WriteStatus.AlreadyApplied"/> on a repeat.
/// </para>
/// <para>
/// Report failures as results with an <see cref="ErrorClass"/>; an exception is treated as a transient
/// failure of every write in the call.
/// </para>
/// </remarks>
public interface ITargetConnector
{
    /// <summary>Gets the target's name, unique within a host; part of every idempotency key.</summary>
    string Name { get; }

    /// <summary>Gets what the target can do.</summary>
    TargetCapabilities Capabilities { get; }

    /// <summary>Writes one record.</summary>
    /// <param name="write">The write.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>What the target did.</returns>
    ValueTask<TargetWriteResult> WriteAsync(TargetWrite write, CancellationToken cancellationToken);

    /// <summary>Writes several records in one call, with a result per record.</summary>
    /// <param name="writes">The writes, at most <see cref="TargetCapabilities.MaxBulkSize"/>.</param>
    /// <param name="results">Receives one result per write, in the same order; same length as <paramref name="writes"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when every result is filled in.</returns>
    ValueTask WriteBulkAsync(
        ReadOnlyMemory<TargetWrite> writes, Memory<TargetWriteResult> results, CancellationToken cancellationToken);
}
