namespace BatchSync;

/// <summary>A clock the sample moves by hand, so the scheduler's next night comes without waiting for it.</summary>
/// <param name="now">The starting time.</param>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>Moves the clock to a later time.</summary>
    /// <param name="to">The new time.</param>
    public void Set(DateTimeOffset to) => now = to;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => now;
}
