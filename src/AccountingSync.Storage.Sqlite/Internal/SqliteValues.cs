using System.Buffers.Binary;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using Microsoft.Data.Sqlite;

namespace AccountingSync.Storage.Sqlite.Internal;

/// <summary>Conversions between the SDK's values and the columns they are kept in.</summary>
internal static class SqliteValues
{
    public static byte[] ToBlob(IdempotencyKey key)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, key.Value);
        return bytes;
    }

    public static IdempotencyKey ReadKey(SqliteDataReader reader, int ordinal) =>
        new(BinaryPrimitives.ReadUInt128BigEndian(reader.GetFieldValue<byte[]>(ordinal)));

    public static object Nullable(object? value) => value ?? DBNull.Value;

    public static string? ReadString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset ReadTime(SqliteDataReader reader, int ordinal) =>
        new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static SourceVersion ReadVersion(SqliteDataReader reader, int kindOrdinal) =>
        SourceVersion.FromParts(
            (SourceVersionKind)reader.GetInt32(kindOrdinal),
            reader.GetInt64(kindOrdinal + 1),
            ReadString(reader, kindOrdinal + 2));
}
