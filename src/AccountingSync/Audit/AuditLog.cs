using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AccountingSync.Audit;

/// <summary>
/// The tamper-evident audit log: appends hash-chained entries to an <see cref="IAuditStore"/> and verifies
/// the chain.
/// </summary>
/// <remarks>
/// Each hash is SHA-256 over the previous hash and the entry's fields, each length-prefixed. Concurrent
/// appends in several instances are safe: the store refuses a duplicate sequence, and the append retries on
/// top of the winner. This type is thread-safe.
/// </remarks>
public sealed class AuditLog(IAuditStore store, TimeProvider? timeProvider = null)
{
    /// <summary>The previous hash of the first entry: 64 zeros.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Appends an entry.</summary>
    /// <param name="actor">Who acted.</param>
    /// <param name="action">What was done.</param>
    /// <param name="subject">What it was done to.</param>
    /// <param name="details">More detail, free of secrets and personal data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry appended.</returns>
    public async ValueTask<AuditEntry> AppendAsync(
        string actor, string action, string subject, string? details, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentNullException.ThrowIfNull(subject);
        while (true)
        {
            var last = await store.GetLastAsync(cancellationToken).ConfigureAwait(false);
            var sequence = (last?.Sequence ?? 0) + 1;
            var previous = last?.Hash ?? GenesisHash;
            var at = _time.GetUtcNow();
            var entry = new AuditEntry(sequence, at, actor, action, subject, details, previous,
                ComputeHash(sequence, at, actor, action, subject, details, previous));
            if (await store.TryAppendAsync(entry, cancellationToken).ConfigureAwait(false))
            {
                return entry;
            }
        }
    }

    /// <summary>Walks the whole chain and reports the first entry that does not hold.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The verification result.</returns>
    public async ValueTask<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var expectedPrevious = GenesisHash;
        long expectedSequence = 1, count = 0;
        await foreach (var entry in store.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var problem =
                entry.Sequence != expectedSequence ? $"expected sequence {expectedSequence}, found {entry.Sequence}"
                : !string.Equals(entry.PreviousHash, expectedPrevious, StringComparison.Ordinal) ? "the previous hash does not match"
                : !string.Equals(entry.Hash, ComputeHash(entry.Sequence, entry.At, entry.Actor, entry.Action, entry.Subject,
                    entry.Details, entry.PreviousHash), StringComparison.Ordinal) ? "the entry's hash does not match its content"
                : null;
            if (problem is not null)
            {
                return new AuditVerification(false, count, entry.Sequence, problem);
            }

            expectedPrevious = entry.Hash;
            expectedSequence++;
            count++;
        }

        return new AuditVerification(true, count, null, null);
    }

    /// <summary>Computes an entry's hash.</summary>
    /// <param name="sequence">The sequence.</param>
    /// <param name="at">The time.</param>
    /// <param name="actor">The actor.</param>
    /// <param name="action">The action.</param>
    /// <param name="subject">The subject.</param>
    /// <param name="details">The details.</param>
    /// <param name="previousHash">The previous entry's hash.</param>
    /// <returns>Lower-case hex SHA-256.</returns>
    public static string ComputeHash(
        long sequence, DateTimeOffset at, string actor, string action, string subject, string? details, string previousHash)
    {
        var text = new StringBuilder();
        foreach (var part in new[]
                 {
                     previousHash, sequence.ToString(CultureInfo.InvariantCulture),
                     at.UtcTicks.ToString(CultureInfo.InvariantCulture), actor, action, subject, details ?? "\0",
                 })
        {
            text.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
