namespace AccountingSync.Model;

/// <summary>What a <see cref="SourceVersion"/> was built from, which decides how versions compare.</summary>
public enum SourceVersionKind
{
    /// <summary>No version: the source cannot tell one state of the entity from another.</summary>
    None = 0,

    /// <summary>A last-modified time; later is newer.</summary>
    Timestamp = 1,

    /// <summary>A monotonic sequence number or row version; larger is newer.</summary>
    Sequence = 2,

    /// <summary>An opaque entity tag; equal tags are the same state, different tags have no known order.</summary>
    ETag = 3,
}
