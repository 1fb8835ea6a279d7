namespace AccountingSync.Connectors;

/// <summary>What happened to an entity at its source.</summary>
public enum ChangeOperation
{
    /// <summary>The entity was created or changed; the target should hold this version.</summary>
    Upsert = 0,

    /// <summary>The entity was deleted at the source.</summary>
    Delete = 1,

    /// <summary>The entity was voided: it stays on record with zero effect on the books.</summary>
    Void = 2,
}
