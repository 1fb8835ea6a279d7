using AccountingSync.Connectors;

namespace AccountingSync.Reconciliation;

/// <summary>Totals per bucket on both sides.</summary>
public sealed partial class Reconciler
{
    private sealed class Tally(decimal tolerance)
    {
        private readonly Dictionary<(string Bucket, string Currency), decimal[]> _days = [];
        private readonly Dictionary<(string Bucket, string Currency), decimal[]> _kinds = [];

        public void AddSource(Summary summary)
        {
            if (summary.Total is { } total)
            {
                var currency = total.Currency.Code;
                Add(_days, summary.Date is { } d ? Iso(d) : "(no date)", currency, 0, total.Amount);
                Add(_kinds, summary.Kind.ToString(), currency, 0, total.Amount);
            }
        }

        public void AddTarget(TargetRecord record)
        {
            if (record.Total is { } total)
            {
                var currency = total.Currency.Code;
                Add(_days, record.Date is { } d ? Iso(d) : "(no date)", currency, 1, total.Amount);
                Add(_kinds, record.Kind.ToString(), currency, 1, total.Amount);
            }
        }

        public List<ReconciliationTotal> Days() => Build(_days);

        public List<ReconciliationTotal> Kinds() => Build(_kinds);

        // Slots: 0 source total, 1 target total, 2 source count, 3 target count.
        private static void Add(Dictionary<(string, string), decimal[]> into, string bucket, string currency, int side, decimal amount)
        {
            if (!into.TryGetValue((bucket, currency), out var slots))
            {
                into[(bucket, currency)] = slots = new decimal[4];
            }

            slots[side] += amount;
            slots[side + 2]++;
        }

        private List<ReconciliationTotal> Build(Dictionary<(string Bucket, string Currency), decimal[]> from) =>
        [
            .. from.OrderBy(p => p.Key.Bucket, StringComparer.Ordinal).ThenBy(p => p.Key.Currency, StringComparer.Ordinal)
                .Select(p => new ReconciliationTotal(
                    p.Key.Bucket, p.Key.Currency, p.Value[0], p.Value[1], (int)p.Value[2], (int)p.Value[3],
                    p.Value[2] == p.Value[3] && Math.Abs(p.Value[1] - p.Value[0]) <= tolerance * Math.Max(1, p.Value[2]))),
        ];
    }
}
