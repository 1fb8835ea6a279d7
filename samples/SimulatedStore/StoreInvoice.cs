namespace SimulatedStore;

/// <summary>One invoice (or, with a <c>C</c> number, one cancellation) as the store holds it: its export rows.</summary>
/// <param name="Number">The invoice number, the store's id for it.</param>
/// <param name="UpdatedAt">When the store last changed it: the latest of its lines' times, in UTC.</param>
/// <param name="Rows">Its rows, raw, in the export's column order and file order.</param>
public sealed record StoreInvoice(string Number, DateTimeOffset UpdatedAt, IReadOnlyList<string[]> Rows);
