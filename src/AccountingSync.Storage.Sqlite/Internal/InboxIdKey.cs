using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace AccountingSync.Storage.Sqlite.Internal;

/// <summary>A delivery's identity in the inbox: unique per provider. Compared ordinally, as SQLite compares text.</summary>
internal readonly record struct InboxIdKey(string Provider, string EventId)
{
    /// <summary>
    /// Gets the 64-bit hash an event id is filed under in the sidecar index: XxHash3 of its UTF-8 bytes, a
    /// stored format that must not change. Hashes are short keys, so a merge writes a quarter of the pages long
    /// ids would; two ids may share one, so every match is checked against the inbox row it points to.
    /// </summary>
    public static long HashOf(string eventId)
    {
        var length = Encoding.UTF8.GetMaxByteCount(eventId.Length);
        byte[]? rented = null;
        var buffer = length <= 512 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(eventId, buffer);
            return unchecked((long)XxHash3.HashToUInt64(buffer[..written]));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
