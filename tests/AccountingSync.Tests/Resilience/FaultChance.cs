using AccountingSync.Idempotency;

namespace AccountingSync.Tests.Resilience;

/// <summary>
/// A uniform number in [0, 1) from a stable mix of a seed, a write's key and its attempt: faults decided this way
/// replay identically for a seed whatever the thread interleaving.
/// </summary>
internal static class FaultChance
{
    public static double For(int seed, IdempotencyKey key, int attempt)
    {
        var x = (ulong)key.Value ^ (ulong)(key.Value >> 64) ^ ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL)
            ^ ((ulong)(uint)attempt * 0xBF58476D1CE4E5B9UL);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }
}
