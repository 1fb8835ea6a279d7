using AccountingSync.Http.Internal;

namespace AccountingSync.Http.Polling;

/// <summary>How often a <see cref="PollingJob"/> polls its source.</summary>
/// <remarks>
/// <para>
/// Each wait is <see cref="Interval"/> plus or minus up to <see cref="Jitter"/> of it, drawn anew every time, so
/// that many tenants polling the same provider do not all call it in the same second.
/// </para>
/// <para>Bindable from configuration; validated at start by <see cref="PollingScheduleOptionsValidator"/>.</para>
/// </remarks>
public sealed class PollingScheduleOptions
{
    /// <summary>Gets or sets the time between the end of one poll and the start of the next.</summary>
    /// <value>Defaults to 5 minutes.</value>
    /// <remarks>Between 1 and 60 minutes.</remarks>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the largest share of the interval added or taken away at random.</summary>
    /// <value>Defaults to 0.1 (10 %).</value>
    /// <remarks>Between 0 and 0.5.</remarks>
    public double Jitter { get; set; } = 0.1;

    /// <summary>Checks the settings with <see cref="PollingScheduleOptionsValidator"/>.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate() =>
        OptionsChecks.ThrowIfFailed(new PollingScheduleOptionsValidator().Validate(null, this));

    internal TimeSpan NextWait(Random random) =>
        Interval * (1 + (Jitter * ((random.NextDouble() * 2) - 1)));
}
