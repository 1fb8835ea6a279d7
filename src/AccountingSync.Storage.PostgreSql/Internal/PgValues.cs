using System.Buffers.Binary;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using Npgsql;

namespace AccountingSync.Storage.PostgreSql.Internal;

/// <summary>Conversions between the SDK's values and columns, and positional parameters.</summary>
internal static class PgValues
{
    public static byte[] ToBytes(IdempotencyKey key)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, key.Value);
        return bytes;
    }

    public static IdempotencyKey ReadKey(NpgsqlDataReader reader, int ordinal) =>
        new(BinaryPrimitives.ReadUInt128BigEndian(reader.GetFieldValue<byte[]>(ordinal)));

    public static string? ReadString(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset ReadTime(NpgsqlDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static SourceVersion ReadVersion(NpgsqlDataReader reader, int kindOrdinal) =>
        SourceVersion.FromParts(
            (SourceVersionKind)reader.GetInt16(kindOrdinal),
            reader.GetInt64(kindOrdinal + 1),
            ReadString(reader, kindOrdinal + 2));

    public static void Bind<T>(this NpgsqlParameterCollection parameters, T value) =>
        parameters.Add(new NpgsqlParameter<T> { TypedValue = value });

    public static void BindNullable(this NpgsqlParameterCollection parameters, object? value, NpgsqlTypes.NpgsqlDbType type) =>
        parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = type });
}
