namespace AccountingSync.Http.Polling;

/// <summary>How an endpoint is told to list only what changed since the watermark.</summary>
public enum ModifiedSinceFilter
{
    /// <summary>No filter: every poll lists everything (a full export).</summary>
    None = 0,

    /// <summary>A query parameter holding an ISO 8601 UTC time (QuickBooks' <c>changedSince</c>).</summary>
    QueryParameter = 1,

    /// <summary>The <c>If-Modified-Since</c> request header, as Xero reads it.</summary>
    IfModifiedSinceHeader = 2,
}
