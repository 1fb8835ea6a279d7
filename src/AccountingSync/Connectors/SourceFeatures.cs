namespace AccountingSync.Connectors;

/// <summary>What a source can do. The SDK reads these to choose how to sync it.</summary>
[Flags]
public enum SourceFeatures
{
    /// <summary>Nothing beyond reading from a cursor.</summary>
    None = 0,

    /// <summary>Reports every change, deletes included, since a position (QuickBooks' ChangeDataCapture).</summary>
    ChangeFeed = 1,

    /// <summary>Lists entities modified since a time (Xero's If-Modified-Since).</summary>
    ModifiedSince = 2,

    /// <summary>Pushes changes as webhooks.</summary>
    Webhooks = 4,

    /// <summary>Can list every entity, for a full export or a diff that finds deletes.</summary>
    FullExport = 8,

    /// <summary>Reports deletes and voids as changes.</summary>
    Deletes = 16,
}
