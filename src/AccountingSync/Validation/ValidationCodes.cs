namespace AccountingSync.Validation;

/// <summary>The codes the built-in rules report. They are stable: filter and alert on them.</summary>
public static class ValidationCodes
{
    /// <summary>A required value is missing or blank.</summary>
    public const string Required = "required";

    /// <summary>A document that needs lines has none.</summary>
    public const string NoLines = "lines.empty";

    /// <summary>A line's quantity is zero.</summary>
    public const string ZeroQuantity = "line.quantity.zero";

    /// <summary>A price or amount that must not be negative is negative.</summary>
    public const string Negative = "amount.negative";

    /// <summary>A discount is larger than the amount it is taken from.</summary>
    public const string DiscountTooLarge = "line.discount.too_large";

    /// <summary>A tax rate is outside 0..1.</summary>
    public const string TaxRateOutOfRange = "line.tax_rate.out_of_range";

    /// <summary>An amount has more digits than the currency's minor unit allows.</summary>
    public const string TooPrecise = "amount.too_precise";

    /// <summary>An amount is in a different currency from its document.</summary>
    public const string CurrencyMismatch = "currency.mismatch";

    /// <summary>The currency is missing.</summary>
    public const string CurrencyMissing = "currency.missing";

    /// <summary>A stated total differs from the total of the lines.</summary>
    public const string TotalMismatch = "total.mismatch";

    /// <summary>A journal's debits and credits differ.</summary>
    public const string Unbalanced = "journal.unbalanced";

    /// <summary>A journal line has both or neither of debit and credit.</summary>
    public const string DebitCreditBoth = "journal.line.debit_credit";

    /// <summary>A value that must be positive is zero or negative.</summary>
    public const string NotPositive = "amount.not_positive";

    /// <summary>A value is not in the expected format.</summary>
    public const string Format = "format";
}
