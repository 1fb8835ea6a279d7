using AccountingSync.Model;

namespace AccountingSync.Batch.Retail;

/// <summary>The rules an <see cref="OnlineRetailMapper"/> applies to a UCI "Online Retail" style export.</summary>
public sealed record OnlineRetailOptions
{
    /// <summary>Gets the source system name documents are identified under.</summary>
    /// <value>Defaults to <c>online-retail</c>.</value>
    public string System { get; init; } = "online-retail";

    /// <summary>Gets the currency of every amount in the export.</summary>
    /// <value>Defaults to GBP.</value>
    public Currency Currency { get; init; } = Currency.Gbp;

    /// <summary>Gets the time zone the export's dates are written in.</summary>
    /// <value>Defaults to <c>Europe/London</c>.</value>
    /// <remarks>A document's date is the local calendar date of its earliest line in this zone.</remarks>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>Gets the date formats accepted, parsed with the source's declared culture.</summary>
    /// <value>
    /// Defaults to <c>M/d/yy H:mm</c> (no padding, two-digit year, no seconds) and its padded form, with
    /// literal slashes so that a culture whose date separator is a dot still reads the export's dates.
    /// </value>
    /// <remarks>Two-digit years follow the culture's calendar window (2010 for <c>10</c>).</remarks>
    public IReadOnlyList<string> DateFormats { get; init; } = [@"M\/d\/yy H:mm", @"MM\/dd\/yy HH:mm"];

    /// <summary>Gets the customer reference used for a line with no customer id.</summary>
    /// <value>Defaults to <c>walk-in</c>.</value>
    public string WalkInCustomer { get; init; } = "walk-in";

    /// <summary>Gets the GL account of each non-product stock code; these lines are not inventory sales.</summary>
    /// <value>
    /// Defaults to postage and carriage (<c>POST</c>, <c>DOT</c>, <c>C2</c>) to 4100, manual adjustments
    /// (<c>M</c>) and samples (<c>S</c>) to 4900, discounts (<c>D</c>) to 4010, <c>BANK CHARGES</c> to 6200
    /// and marketplace fees (<c>AMAZONFEE</c>) to 6100. Codes are compared after trimming, without case.
    /// </value>
    /// <remarks>Every account named must exist in the target's chart of accounts.</remarks>
    public IReadOnlyDictionary<string, string> NonProductAccounts { get; init; } =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["POST"] = "4100",
            ["DOT"] = "4100",
            ["C2"] = "4100",
            ["M"] = "4900",
            ["S"] = "4900",
            ["D"] = "4010",
            ["BANK CHARGES"] = "6200",
            ["AMAZONFEE"] = "6100",
        };
}
