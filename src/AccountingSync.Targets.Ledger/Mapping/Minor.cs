using AccountingSync.Model;

namespace AccountingSync.Targets.Ledger.Mapping;

/// <summary>Converts between decimal amounts and integer minor units (pence, cents) of a currency.</summary>
public static class Minor
{
    /// <summary>Gets the number of minor units in one major unit: 100 for GBP, 1 for JPY, 1000 for KWD.</summary>
    /// <param name="currency">The currency.</param>
    /// <returns>Ten to the power of the currency's minor-unit digits.</returns>
    public static long Scale(Currency currency)
    {
        var scale = 1L;
        for (var i = 0; i < currency.MinorUnits; i++)
        {
            scale *= 10;
        }

        return scale;
    }

    /// <summary>Converts an amount to minor units.</summary>
    /// <param name="amount">The amount; must have no more digits than the currency's minor unit.</param>
    /// <param name="currency">The currency.</param>
    /// <returns>The amount in minor units.</returns>
    /// <exception cref="PostingException">The amount has more digits than the currency allows.</exception>
    public static long From(decimal amount, Currency currency)
    {
        var scaled = amount * Scale(currency);
        if (scaled != decimal.Truncate(scaled))
        {
            throw new PostingException(
                $"Amount {amount} has more digits than {currency.Code} allows ({currency.MinorUnits}).");
        }

        return checked((long)scaled);
    }

    /// <summary>Converts minor units back to a decimal amount.</summary>
    /// <param name="minor">The amount in minor units.</param>
    /// <param name="currency">The currency.</param>
    /// <returns>The amount.</returns>
    public static decimal ToAmount(long minor, Currency currency) =>
        decimal.Round((decimal)minor / Scale(currency), currency.MinorUnits);
}
