using System.Globalization;

namespace AccountingSync.Http.Polling;

/// <summary>
/// A full id listing lacked more of the known ids than <see cref="PollingIdListing.MaxDeleteFraction"/> allows, so
/// nothing was deleted: a listing that lost records must not wipe the books.
/// </summary>
/// <remarks>
/// Check the listing (paging, filters, a provider incident). If the deletions are real, raise the limit for one
/// run. The poll's other records were committed before the check, and the next comparison lists the ids again.
/// </remarks>
public sealed class PollingDeleteLimitExceededException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="missing">How many known ids the listing lacked.</param>
    /// <param name="known">How many ids were known.</param>
    /// <param name="maxFraction">The limit.</param>
    public PollingDeleteLimitExceededException(string stream, int missing, int known, double maxFraction)
        : base(Describe(stream, missing, known, maxFraction))
    {
        Stream = stream;
        Missing = missing;
        Known = known;
        MaxFraction = maxFraction;
    }

    private static string Describe(string stream, int missing, int known, double maxFraction) =>
        string.Create(CultureInfo.InvariantCulture, $"Polling {stream}: the full id listing lacks {missing} of {known} ")
        + string.Create(CultureInfo.InvariantCulture, $"known ids ({(double)missing / known:P0}), more than ")
        + string.Create(CultureInfo.InvariantCulture, $"PollingIdListing.MaxDeleteFraction ({maxFraction:P0}) allows; ")
        + "no record was deleted.";

    /// <summary>Gets the stream.</summary>
    public string Stream { get; }

    /// <summary>Gets how many known ids the listing lacked.</summary>
    public int Missing { get; }

    /// <summary>Gets how many ids were known.</summary>
    public int Known { get; }

    /// <summary>Gets the limit that was exceeded.</summary>
    public double MaxFraction { get; }
}
