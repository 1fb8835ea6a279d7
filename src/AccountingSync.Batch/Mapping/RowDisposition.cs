namespace AccountingSync.Batch.Mapping;

/// <summary>What became of a source row that was not loaded.</summary>
public enum RowDisposition
{
    /// <summary>The row broke a validation rule, or the target refused its document; it is not in the books.</summary>
    Failed = 0,

    /// <summary>A stated rule says rows like this are not booked (a stock adjustment, a zero price).</summary>
    Skipped = 1,

    /// <summary>The row repeats an earlier row exactly; the earlier one stands for both.</summary>
    Duplicate = 2,
}
