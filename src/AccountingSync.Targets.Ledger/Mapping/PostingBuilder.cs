namespace AccountingSync.Targets.Ledger.Mapping;

/// <summary>Collects legs, merging those to the same account, and drops the ones that come to zero.</summary>
internal sealed class PostingBuilder(bool merge = true)
{
    private readonly List<Posting> _legs = [];

    public void Add(string account, decimal amount, string? memo)
    {
        if (merge)
        {
            for (var i = 0; i < _legs.Count; i++)
            {
                // Debits and credits to one account stay apart so a reader sees both sides.
                if (string.Equals(_legs[i].AccountCode, account, StringComparison.Ordinal)
                    && Math.Sign(_legs[i].Amount) == Math.Sign(amount))
                {
                    _legs[i] = _legs[i] with { Amount = _legs[i].Amount + amount };
                    return;
                }
            }
        }

        _legs.Add(new Posting(account, amount, memo));
    }

    public void AddFirst(string account, decimal amount, string? memo) =>
        _legs.Insert(0, new Posting(account, amount, memo));

    public IReadOnlyList<Posting> Build() => [.. _legs.Where(l => l.Amount != 0m)];
}
