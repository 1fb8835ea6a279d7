using AccountingSync.Model;
using AccountingSync.Model.Documents;

namespace AccountingSync.Targets.Ledger.Mapping;

/// <summary>The mapping of each document kind.</summary>
public sealed partial class PostingMapper
{
    private LedgerEntry MapSale(SalesDocument sale, string counterAccount, int sign)
    {
        var digits = sale.Currency.MinorUnits;
        var midpoint = Options.Rounding.Midpoint;
        var totals = sale.ComputeTotals(Options.Rounding);
        var legs = new PostingBuilder();
        var isSale = sign > 0;
        var revenueDefault = isSale ? Options.SalesAccount : Options.RefundsAccount;
        var memo = $"{sale.Kind} {sale.Number}";
        foreach (var line in sale.Lines)
        {
            var net = decimal.Round(line.Net, digits, midpoint);
            var account = line.AccountCode
                ?? (line.ItemCode is { } item && Options.ItemAccounts.TryGetValue(item, out var itemAccount) ? itemAccount : null)
                ?? revenueDefault;
            if (isSale && Options.SeparateDiscounts && line.Discount != 0m)
            {
                // The discount leg is gross less net after rounding, so the two legs always sum to the net
                // the totals were computed from, whatever rounding does to each part.
                var gross = decimal.Round(line.Gross, digits, midpoint);
                legs.Add(account, -gross, memo);
                legs.Add(Options.DiscountsAccount, gross - net, $"Discount, {memo}");
            }
            else
            {
                legs.Add(account, -sign * net, memo);
            }
        }

        legs.Add(Options.TaxAccount, -sign * totals.Tax.Amount, $"VAT, {memo}");
        var total = sale.DeclaredTotal is { } declared ? Same(declared, sale.Currency, "DeclaredTotal").Amount : totals.Total.Amount;
        legs.AddFirst(counterAccount, sign * total, memo);
        return new LedgerEntry
        {
            Key = default,
            Source = sale.Source,
            Kind = sale.Kind,
            Date = sale.Date,
            Currency = sale.Currency,
            Number = sale.Number,
            Description = memo,
            Total = total,
            Postings = legs.Build(),
        };
    }

    private LedgerEntry MapPayment(Payment payment)
    {
        var currency = payment.Amount.Currency;
        var amount = payment.Amount.Amount;
        var fee = payment.Fee is { } f ? Same(f, currency, "Fee").Amount : 0m;
        var memo = $"Payment {payment.Source.Id}";
        var cash = payment.Method is { } method && Options.CashMethods.Contains(method);
        var legs = new PostingBuilder();
        legs.Add(cash ? Options.CashAccount : Options.BankAccount, amount - fee, memo);
        legs.Add(Options.FeesAccount, fee, $"Processor fee, {memo}");
        legs.Add(Options.ReceivablesAccount, -amount, memo);
        return new LedgerEntry
        {
            Key = default,
            Source = payment.Source,
            Kind = payment.Kind,
            Date = payment.Date,
            Currency = currency,
            Number = payment.AppliedTo.Count > 0 ? string.Join(',', payment.AppliedTo) : null,
            Description = memo,
            Total = amount,
            Postings = legs.Build(),
        };
    }

    private static LedgerEntry MapJournal(JournalEntry journal)
    {
        var legs = new PostingBuilder(merge: false);
        foreach (var line in journal.Lines)
        {
            legs.Add(line.AccountCode, line.Debit - line.Credit, line.Description ?? journal.Memo);
        }

        return new LedgerEntry
        {
            Key = default,
            Source = journal.Source,
            Kind = journal.Kind,
            Date = journal.Date,
            Currency = journal.Currency,
            Description = journal.Memo ?? $"Journal {journal.Source.Id}",
            Total = journal.TotalDebit.Amount,
            Postings = legs.Build(),
        };
    }

    private static Money Same(Money money, Currency currency, string field) =>
        money.Currency == currency
            ? money
            : throw new PostingException($"{field} is in {money.Currency.Code} but the document is in {currency.Code}.");
}
