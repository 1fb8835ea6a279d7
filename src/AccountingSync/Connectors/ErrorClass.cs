namespace AccountingSync.Connectors;

/// <summary>
/// Why a record could not be delivered, which decides what happens next: retry, re-read, or dead-letter.
/// </summary>
public enum ErrorClass
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The document broke a validation rule; fix the data, then replay.</summary>
    Validation = 1,

    /// <summary>The source record could not be mapped to the accounting model.</summary>
    Mapping = 2,

    /// <summary>
    /// Worth retrying: a 5xx, a timeout, a reset connection, a 429. Dead-lettered only when retries run out.
    /// </summary>
    Transient = 3,

    /// <summary>The target refused the write and will refuse it again (400, 403, 404 on update).</summary>
    Permanent = 4,

    /// <summary>The target holds a newer version than the write expected (optimistic locking); re-read and retry once.</summary>
    Conflict = 5,

    /// <summary>The credentials were refused even after a refresh.</summary>
    Unauthorized = 6,
}
