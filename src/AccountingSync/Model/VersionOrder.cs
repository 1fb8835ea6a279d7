namespace AccountingSync.Model;

/// <summary>How one <see cref="SourceVersion"/> stands against another.</summary>
public enum VersionOrder
{
    /// <summary>The version is older than the other one.</summary>
    Older = -1,

    /// <summary>Both versions denote the same state.</summary>
    Same = 0,

    /// <summary>The version is newer than the other one.</summary>
    Newer = 1,

    /// <summary>The versions cannot be ordered (different entity tags, or different kinds).</summary>
    Unordered = 2,
}
