namespace AccountingSync.Http.Polling;

/// <summary>
/// The polling jobs registered with <c>AddPolling</c>, by endpoint name: the same instances the scheduled polls
/// run, so an on-demand poll shares their checkpoint and never runs beside one of them.
/// </summary>
/// <remarks>Resolve it from the container. The type is thread-safe.</remarks>
public interface IPollingJobs
{
    /// <summary>Gets the names of the registered endpoints.</summary>
    IReadOnlyCollection<string> Names { get; }

    /// <summary>Gets the job of an endpoint.</summary>
    /// <param name="name">The endpoint's name.</param>
    /// <returns>The job.</returns>
    /// <exception cref="KeyNotFoundException">No endpoint has that name.</exception>
    PollingJob Get(string name);

    /// <summary>
    /// Polls an endpoint now, or joins the follow-up of the poll that is running (see <see cref="PollingJob.SyncNowAsync"/>).
    /// </summary>
    /// <param name="name">The endpoint's name.</param>
    /// <param name="cancellationToken">Stops waiting; the poll itself goes on.</param>
    /// <returns>The poll's result.</returns>
    /// <exception cref="KeyNotFoundException">No endpoint has that name.</exception>
    /// <exception cref="PollingPageException">The poll stopped at a page it could not read.</exception>
    Task<AccountingSync.Pipeline.SyncRunResult> SyncNowAsync(string name, CancellationToken cancellationToken = default);
}
