using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;

namespace AccountingSync.Benchmarks.Storage;

/// <summary>Fresh committed writes for each operation, so every commit inserts new keys as a live sync does.</summary>
internal sealed class CommitRows(string prefix)
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private long _next;

    public CommittedWrite[] Next(int count)
    {
        var writes = new CommittedWrite[count];
        for (var i = 0; i < count; i++)
        {
            var n = Interlocked.Increment(ref _next);
            var entity = new SourceIdentity("shop", "invoice", prefix + n);
            var version = SourceVersion.FromSequence(n);
            writes[i] = new CommittedWrite(IdempotencyKey.Derive("books", entity, version, ChangeOperation.Upsert),
                "books", entity, version, ChangeOperation.Upsert, "T-" + n, At);
        }

        return writes;
    }

    public static byte[] KeyBytes(IdempotencyKey key)
    {
        var bytes = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, key.Value);
        return bytes;
    }
}
