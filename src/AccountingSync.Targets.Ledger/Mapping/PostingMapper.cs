using System.Globalization;
using AccountingSync.Connectors;
using AccountingSync.Model;
using AccountingSync.Model.Documents;

namespace AccountingSync.Targets.Ledger.Mapping;

/// <summary>
/// Turns normalized documents into balanced double-entry transactions, the one mapping every ledger target
/// shares.
/// </summary>
/// <remarks>
/// <para>What each document posts (debit first, then credit):</para>
/// <list type="bullet">
/// <item><see cref="Invoice"/>: receivables the total; sales each line's amount (gross, with discounts debited
/// apart when <see cref="PostingOptions.SeparateDiscounts"/> is on); VAT payable the tax.</item>
/// <item><see cref="SalesReceipt"/>: as an invoice, with bank (or cash, or the receipt's deposit account)
/// in place of receivables.</item>
/// <item><see cref="CreditNote"/>: the sale reversed into sales returns and VAT payable, credited to
/// receivables, or to bank when it is a refund.</item>
/// <item><see cref="Payment"/>: bank (or cash) the amount less the processor fee, fees the fee; receivables
/// the whole amount.</item>
/// <item><see cref="JournalEntry"/>: each line as given.</item>
/// </list>
/// <para>
/// Amounts are rounded per line with <see cref="SalesDocument.ComputeTotals"/> under
/// <see cref="PostingOptions.Rounding"/>. A sale's counter-leg is its declared total when the source stated one,
/// so a document whose lines do not add up fails the balance check instead of being forced to balance.
/// <see cref="Contact"/> and <see cref="Item"/> post nothing and are refused; skip them in the mapper or route
/// them to another target.
/// </para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed partial class PostingMapper
{
    /// <summary>Creates a mapper.</summary>
    /// <param name="options">The accounts and rounding; defaults when null.</param>
    /// <exception cref="ArgumentException">An account code of the options is not in the chart.</exception>
    public PostingMapper(PostingOptions? options = null)
    {
        Options = options ?? new PostingOptions();
        if (Problems(Options).FirstOrDefault() is { } problem)
        {
            throw new ArgumentException("PostingOptions." + problem, nameof(options));
        }
    }

    /// <summary>Gets the options.</summary>
    public PostingOptions Options { get; }

    /// <summary>Maps one write to a ledger entry.</summary>
    /// <param name="write">The write.</param>
    /// <returns>The entry; without postings for a delete or void.</returns>
    /// <exception cref="PostingException">The document has no postings, names an unknown account, has an amount
    /// finer than its currency, or its postings do not balance; the message says which and where.</exception>
    public LedgerEntry Map(TargetWrite write)
    {
        var document = write.Document ?? throw new PostingException("The write carries no document.");
        var entry = document switch
        {
            Invoice invoice => MapSale(invoice, Options.ReceivablesAccount, sign: 1),
            SalesReceipt receipt => MapSale(receipt, DepositAccount(receipt), sign: 1),
            CreditNote note => MapSale(note, note.IsRefund ? Options.BankAccount : Options.ReceivablesAccount, sign: -1),
            Payment payment => MapPayment(payment),
            JournalEntry journal => MapJournal(journal),
            _ => throw new PostingException(
                $"A {document.Kind} has no postings; a ledger holds only invoices, sales receipts, credit notes, "
                + "payments and journal entries."),
        };

        entry = entry with { Key = write.Key, Operation = write.Operation, Version = document.Version };
        if (write.Operation != ChangeOperation.Upsert)
        {
            // A delete or void takes back what the ledger holds; the document's own lines are not posted.
            var verb = write.Operation == ChangeOperation.Void ? "Void" : "Delete";
            return entry with { Postings = [], Description = $"{verb}: {entry.Description}" };
        }

        CheckBalanced(entry);
        return entry;
    }

    /// <summary>Lists the settings that name an account missing from the chart, each as <c>Setting: reason</c>.</summary>
    internal static IEnumerable<string> Problems(PostingOptions options)
    {
        if (options.Chart is null)
        {
            yield return "Chart: a chart of accounts is required.";
            yield break;
        }

        foreach (var (setting, code) in new[]
        {
            (nameof(PostingOptions.ReceivablesAccount), options.ReceivablesAccount),
            (nameof(PostingOptions.BankAccount), options.BankAccount),
            (nameof(PostingOptions.CashAccount), options.CashAccount),
            (nameof(PostingOptions.SalesAccount), options.SalesAccount),
            (nameof(PostingOptions.DiscountsAccount), options.DiscountsAccount),
            (nameof(PostingOptions.RefundsAccount), options.RefundsAccount),
            (nameof(PostingOptions.TaxAccount), options.TaxAccount),
            (nameof(PostingOptions.FeesAccount), options.FeesAccount),
        })
        {
            if (code is null || !options.Chart.TryGet(code, out _))
            {
                yield return $"{setting}: account '{code}' is not in the chart of accounts.";
            }
        }

        foreach (var (item, code) in options.ItemAccounts ?? new Dictionary<string, string>())
        {
            if (!options.Chart.TryGet(code, out _))
            {
                yield return $"{nameof(PostingOptions.ItemAccounts)}[{item}]: account '{code}' is not in the chart of accounts.";
            }
        }
    }

    private string DepositAccount(SalesReceipt receipt) =>
        receipt.DepositAccount
        ?? (receipt.PaymentMethod is { } method && Options.CashMethods.Contains(method)
            ? Options.CashAccount
            : Options.BankAccount);

    private void CheckBalanced(LedgerEntry entry)
    {
        long debits = 0, credits = 0;
        for (var i = 0; i < entry.Postings.Count; i++)
        {
            var posting = entry.Postings[i];
            if (!Options.Chart.TryGet(posting.AccountCode, out _))
            {
                throw new PostingException(
                    $"{Describe(entry)}: posting {i} names account '{posting.AccountCode}', which is not in the chart of accounts.");
            }

            long minor;
            try
            {
                minor = entry.ToMinor(posting.Amount);
            }
            catch (PostingException ex)
            {
                throw new PostingException($"{Describe(entry)}: posting {i} to '{posting.AccountCode}': {ex.Message}", ex);
            }

            if (minor > 0)
            {
                debits += minor;
            }
            else
            {
                credits -= minor;
            }
        }

        if (entry.Postings.Count == 0)
        {
            throw new PostingException($"{Describe(entry)} has nothing to post: every amount is zero.");
        }

        if (debits != credits)
        {
            throw new PostingException(string.Create(CultureInfo.InvariantCulture,
                $"{Describe(entry)} does not balance: debits {Minor.ToAmount(debits, entry.Currency)} and credits "
                + $"{Minor.ToAmount(credits, entry.Currency)} {entry.Currency.Code} differ by "
                + $"{Minor.ToAmount(debits - credits, entry.Currency)}."));
        }
    }

    private static string Describe(LedgerEntry entry) => $"{entry.Kind} {entry.Source}";
}
