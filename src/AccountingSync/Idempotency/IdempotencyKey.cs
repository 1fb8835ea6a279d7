using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using AccountingSync.Connectors;
using AccountingSync.Model;

namespace AccountingSync.Idempotency;

/// <summary>
/// The key that makes a write idempotent: a 128-bit hash of target, entity, version and operation.
/// </summary>
/// <remarks>
/// <para>
/// The key is derived, never random, so a retried, replayed or re-polled record gets the same key on every
/// instance and after every restart. XxHash128 is not a cryptographic hash; the key only has to be unique
/// among honest inputs, and 128 bits make an accidental collision negligible.
/// </para>
/// <para>Its text form (32 lower-case hex digits) fits providers' request-id limits such as QuickBooks' 50 characters.</para>
/// </remarks>
public readonly record struct IdempotencyKey
{
    /// <summary>Creates a key from its 128-bit value, as a store persisted it.</summary>
    /// <param name="value">The value.</param>
    public IdempotencyKey(UInt128 value) => Value = value;

    /// <summary>Gets the 128-bit value.</summary>
    public UInt128 Value { get; }

    /// <summary>Derives the key for writing one version of an entity to a target.</summary>
    /// <param name="target">The target's name.</param>
    /// <param name="entity">The entity's source identity.</param>
    /// <param name="version">The entity's version.</param>
    /// <param name="operation">The operation.</param>
    /// <returns>The key.</returns>
    public static IdempotencyKey Derive(string target, SourceIdentity entity, SourceVersion version, ChangeOperation operation)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(entity);

        // Parts are length-prefixed so that ("ab","c") and ("a","bc") cannot hash alike. The whole input is
        // laid out in one buffer and hashed in one call: no hasher object is allocated per record.
        var tag = version.Tag ?? string.Empty;
        var max = sizeof(long) + 2 + (5 * sizeof(int)) + Encoding.UTF8.GetMaxByteCount(
            target.Length + entity.System.Length + entity.EntityType.Length + entity.Id.Length + tag.Length);
        byte[]? rented = null;
        var buffer = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        var length = 0;
        Append(buffer, ref length, target);
        Append(buffer, ref length, entity.System);
        Append(buffer, ref length, entity.EntityType);
        Append(buffer, ref length, entity.Id);
        Append(buffer, ref length, tag);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[length..], version.Ordinal);
        length += sizeof(long);
        buffer[length++] = (byte)version.Kind;
        buffer[length++] = (byte)operation;
        var key = new IdempotencyKey(XxHash128.HashToUInt128(buffer[..length]));
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return key;
    }

    /// <summary>Parses the text form written by <see cref="ToString"/>.</summary>
    /// <param name="text">32 hex digits.</param>
    /// <returns>The key.</returns>
    /// <exception cref="FormatException">The text is not 32 hex digits.</exception>
    public static IdempotencyKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != 32 || !UInt128.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"An idempotency key is 32 hexadecimal digits; '{text}' is not.");
        }

        return new IdempotencyKey(value);
    }

    /// <summary>Returns the key as 32 lower-case hex digits.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => Value.ToString("x32", CultureInfo.InvariantCulture);

    private static void Append(Span<byte> buffer, ref int length, string part)
    {
        var written = Encoding.UTF8.GetBytes(part, buffer[(length + sizeof(int))..]);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[length..], written);
        length += sizeof(int) + written;
    }
}
