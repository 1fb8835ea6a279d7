using System.Globalization;
using AccountingSync.Model;
using AccountingSync.Model.Documents;

namespace AccountingSync.Validation;

/// <summary>
/// The built-in rules every normalized document must meet before it reaches the books: required fields,
/// sane quantities and prices, totals that add up, journals that balance.
/// </summary>
/// <remarks>
/// <para>
/// Totals are recomputed under the target's <see cref="RoundingPolicy"/>, so a declared total that only
/// matches under another rounding is reported, not silently accepted.
/// </para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed class DocumentValidator : IDocumentValidator
{
    /// <summary>Creates a validator.</summary>
    /// <param name="rounding">The target's rounding; <see cref="RoundingPolicy.Default"/> when null.</param>
    public DocumentValidator(RoundingPolicy? rounding = null) => Rounding = rounding ?? RoundingPolicy.Default;

    /// <summary>Gets the rounding policy totals are recomputed with.</summary>
    public RoundingPolicy Rounding { get; }

    /// <inheritdoc />
    public ValidationResult Validate(AccountingDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = new ProblemCollector();
        switch (document)
        {
            case SalesDocument sales:
                ValidateSales(sales, ref problems);
                break;
            case Payment payment:
                ValidatePayment(payment, ref problems);
                break;
            case JournalEntry journal:
                ValidateJournal(journal, ref problems);
                break;
            case Contact contact:
                RequireText(contact.Name, "Name", ref problems);
                break;
            case Item item:
                RequireText(item.Code, "Code", ref problems);
                break;
        }

        return problems.ToResult();
    }

    private void ValidateSales(SalesDocument document, ref ProblemCollector problems)
    {
        RequireText(document.Number, "Number", ref problems);
        if (!RequireCurrency(document.Currency, ref problems))
        {
            return;
        }

        if (document.Lines.Count == 0)
        {
            problems.Add("Lines", ValidationCodes.NoLines, "The document has no lines.");
            return;
        }

        for (var i = 0; i < document.Lines.Count; i++)
        {
            ValidateLine(document.Lines[i], i, ref problems);
        }

        if (document.DeclaredTotal is { } declared && !problems.HasProblems)
        {
            if (declared.Currency != document.Currency)
            {
                problems.Add("DeclaredTotal", ValidationCodes.CurrencyMismatch,
                    $"The stated total is in {declared.Currency}, the document in {document.Currency}.");
                return;
            }

            var computed = document.ComputeTotals(Rounding).Total;
            if (computed.Amount != declared.Amount)
            {
                var format = "F" + document.Currency.MinorUnits.ToString(CultureInfo.InvariantCulture);
                var stated = declared.Amount.ToString(format, CultureInfo.InvariantCulture);
                var lines = computed.Amount.ToString(format, CultureInfo.InvariantCulture);
                problems.Add("DeclaredTotal", ValidationCodes.TotalMismatch,
                    $"The stated total {stated} differs from the lines' total {lines}.");
            }
        }
    }

    private static void ValidateLine(SalesLine line, int index, ref ProblemCollector problems)
    {
        if (line.Quantity == 0m)
        {
            problems.Add(LinePath(index, "Quantity"), ValidationCodes.ZeroQuantity, "The quantity is zero.");
        }

        if (line.UnitPrice < 0m)
        {
            problems.Add(LinePath(index, "UnitPrice"), ValidationCodes.Negative,
                Invariant($"The unit price {line.UnitPrice} is negative; reverse a sale with a credit note."));
        }

        if (line.Discount < 0m)
        {
            problems.Add(LinePath(index, "Discount"), ValidationCodes.Negative, "The discount is negative.");
        }
        else if (line.Discount > Math.Abs(line.Gross))
        {
            problems.Add(LinePath(index, "Discount"), ValidationCodes.DiscountTooLarge,
                Invariant($"The discount {line.Discount} is larger than the line's amount {line.Gross}."));
        }

        if (line.TaxRate is < 0m or > 1m)
        {
            problems.Add(LinePath(index, "TaxRate"), ValidationCodes.TaxRateOutOfRange,
                Invariant($"The tax rate {line.TaxRate} is not a fraction between 0 and 1."));
        }
    }

    private static void ValidatePayment(Payment payment, ref ProblemCollector problems)
    {
        var amount = payment.Amount;
        if (!RequireCurrency(amount.Currency, ref problems))
        {
            return;
        }

        if (amount.Amount <= 0m)
        {
            problems.Add("Amount", ValidationCodes.NotPositive, "A payment's amount must be positive.");
        }
        else if (!amount.IsRoundedToMinorUnit)
        {
            problems.Add("Amount", ValidationCodes.TooPrecise,
                Invariant($"{amount} has more digits than {amount.Currency} allows."));
        }

        if (payment.Fee is { } fee && fee.Currency != amount.Currency)
        {
            problems.Add("Fee", ValidationCodes.CurrencyMismatch,
                $"The fee is in {fee.Currency}, the payment in {amount.Currency}.");
        }
    }

    private static void ValidateJournal(JournalEntry journal, ref ProblemCollector problems)
    {
        if (!RequireCurrency(journal.Currency, ref problems))
        {
            return;
        }

        if (journal.Lines.Count < 2)
        {
            problems.Add("Lines", ValidationCodes.NoLines, "A journal entry needs at least two lines.");
            return;
        }

        var digits = journal.Currency.MinorUnits;
        for (var i = 0; i < journal.Lines.Count; i++)
        {
            var line = journal.Lines[i];
            RequireText(line.AccountCode, LinePath(i, "AccountCode"), ref problems);
            if (line.Debit < 0m || line.Credit < 0m)
            {
                problems.Add(LinePath(i, line.Debit < 0m ? "Debit" : "Credit"), ValidationCodes.Negative,
                    "Debits and credits are written as positive amounts.");
            }
            else if ((line.Debit == 0m) == (line.Credit == 0m))
            {
                problems.Add(LinePath(i, "Debit"), ValidationCodes.DebitCreditBoth,
                    "A journal line has exactly one of a debit and a credit.");
            }

            if (decimal.Round(line.Debit, digits) != line.Debit || decimal.Round(line.Credit, digits) != line.Credit)
            {
                problems.Add(LinePath(i, line.Debit != 0m ? "Debit" : "Credit"), ValidationCodes.TooPrecise,
                    $"The amount has more digits than {journal.Currency} allows.");
            }
        }

        var debit = journal.TotalDebit.Amount;
        var credit = journal.TotalCredit.Amount;
        if (debit != credit)
        {
            problems.Add("Lines", ValidationCodes.Unbalanced, Invariant(
                $"Debits {debit} and credits {credit} differ by {debit - credit} {journal.Currency}."));
        }
    }

    private static bool RequireCurrency(Currency currency, ref ProblemCollector problems)
    {
        if (currency.Code is null)
        {
            problems.Add("Currency", ValidationCodes.CurrencyMissing, "The currency is missing.");
            return false;
        }

        return true;
    }

    private static void RequireText(string? value, string path, ref ProblemCollector problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(path, ValidationCodes.Required, "A value is required.");
        }
    }

    private static string LinePath(int index, string property) =>
        string.Create(CultureInfo.InvariantCulture, $"Lines[{index}].{property}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
