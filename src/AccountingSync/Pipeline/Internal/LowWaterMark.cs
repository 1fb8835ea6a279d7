using System.Diagnostics;
using System.Numerics;

namespace AccountingSync.Pipeline.Internal;

/// <summary>
/// Tracks which sequence numbers of a stream have completed and yields the cursor of the longest completed
/// prefix. A record that finishes early does not move the mark past one still in flight.
/// </summary>
/// <remarks>
/// Completions arrive out of order from several partitions; they are parked in a ring indexed by sequence.
/// The ring grows when a completion lands further ahead than it can hold, so no bound on in-flight records
/// is assumed. Not thread-safe: <see cref="StreamRun"/> serializes calls.
/// </remarks>
internal sealed class LowWaterMark
{
    private bool[] _done;
    private string?[] _cursors;
    private long _next;

    public LowWaterMark(string? initialCursor, int initialCapacity = 1024)
    {
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, initialCapacity));
        _done = new bool[capacity];
        _cursors = new string?[capacity];
        Cursor = initialCursor;
    }

    /// <summary>Gets the cursor of the last completed record of the completed prefix that carried one.</summary>
    public string? Cursor { get; private set; }

    /// <summary>Gets how many records form the completed prefix.</summary>
    public long CompletedPrefix => _next;

    /// <summary>Marks a sequence number completed.</summary>
    /// <param name="sequence">The record's sequence.</param>
    /// <param name="cursor">The record's cursor, or null when it is not a resume point.</param>
    /// <param name="adoptCursor">
    /// False for a record that was never processed (abandoned): the mark passes it but keeps the older cursor.
    /// </param>
    /// <returns><see langword="true"/> when the prefix advanced.</returns>
    public bool Complete(long sequence, string? cursor, bool adoptCursor = true)
    {
        Debug.Assert(sequence >= _next, "A sequence completes once.");
        while (sequence - _next >= _done.Length)
        {
            Grow();
        }

        var mask = _done.Length - 1;
        var slot = (int)(sequence & mask);
        _done[slot] = true;
        _cursors[slot] = adoptCursor ? cursor : null;
        if (sequence != _next)
        {
            return false;
        }

        while (_done[(int)(_next & mask)])
        {
            slot = (int)(_next & mask);
            if (_cursors[slot] is { } reached)
            {
                Cursor = reached;
            }

            _done[slot] = false;
            _cursors[slot] = null;
            _next++;
        }

        return true;
    }

    private void Grow()
    {
        var oldMask = _done.Length - 1;
        var done = new bool[_done.Length * 2];
        var cursors = new string?[_done.Length * 2];
        var newMask = done.Length - 1;
        for (var s = _next; s < _next + _done.Length; s++)
        {
            done[(int)(s & newMask)] = _done[(int)(s & oldMask)];
            cursors[(int)(s & newMask)] = _cursors[(int)(s & oldMask)];
        }

        _done = done;
        _cursors = cursors;
    }
}
