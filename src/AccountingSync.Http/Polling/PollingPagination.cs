namespace AccountingSync.Http.Polling;

/// <summary>How an endpoint splits a listing into pages.</summary>
public enum PollingPagination
{
    /// <summary>One call returns the whole listing (a change feed such as QuickBooks' ChangeDataCapture).</summary>
    None = 0,

    /// <summary>A 1-based page number parameter; a page shorter than the page size is the last.</summary>
    Page = 1,

    /// <summary>A 0-based record offset parameter; a page shorter than the page size is the last.</summary>
    Offset = 2,

    /// <summary>The response carries an opaque token that the next request sends back as a parameter.</summary>
    NextToken = 3,

    /// <summary>The response carries the absolute or relative address of the next page.</summary>
    NextLink = 4,
}
