namespace AccountingSync.Model;

/// <summary>
/// Thrown when amounts in two different currencies are combined. Converting between currencies
/// needs a rate and a date, which the model never guesses.
/// </summary>
public sealed class CurrencyMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception for the two currencies that met.</summary>
    /// <param name="left">The currency of the left operand.</param>
    /// <param name="right">The currency of the right operand.</param>
    public CurrencyMismatchException(Currency left, Currency right)
        : base($"Cannot combine amounts in {left} and {right}; convert one of them explicitly first.")
    {
        Left = left;
        Right = right;
    }

    /// <summary>Gets the currency of the left operand.</summary>
    public Currency Left { get; }

    /// <summary>Gets the currency of the right operand.</summary>
    public Currency Right { get; }
}
