using AccountingSync.Model;
using AccountingSync.Model.Documents;

namespace AccountingSync.Targets.Ledger.Tests;

/// <summary>A small day of trade in GBP and the account balances it must leave, worked out by hand.</summary>
internal static class LedgerFixtures
{
    public static IReadOnlyList<AccountingDocument> MixedDocuments() =>
    [
        new Invoice
        {
            Source = new("shop", "invoice", "100"), Version = SourceVersion.FromSequence(1), Number = "INV-100",
            Date = new DateOnly(2026, 11, 2), Currency = Currency.Gbp,
            Lines = [new SalesLine { Description = "Mugs", Quantity = 4, UnitPrice = 12.50m, TaxRate = 0.20m }],
        },
        new SalesReceipt
        {
            Source = new("pos", "sale", "200"), Version = SourceVersion.FromSequence(1), Number = "R-200",
            Date = new DateOnly(2026, 11, 3), Currency = Currency.Gbp, PaymentMethod = "card",
            Lines = [new SalesLine { Description = "Teapot", Quantity = 1, UnitPrice = 30m, Discount = 5m, TaxRate = 0.20m }],
        },
        new Payment
        {
            Source = new("stripe", "charge", "ch_300"), Version = SourceVersion.FromSequence(1),
            Date = new DateOnly(2026, 11, 4), Amount = new Money(60m, Currency.Gbp), Fee = new Money(1.05m, Currency.Gbp),
            AppliedTo = ["INV-100"],
        },
        new CreditNote
        {
            Source = new("pos", "refund", "400"), Version = SourceVersion.FromSequence(1), Number = "CN-400",
            Date = new DateOnly(2026, 11, 5), Currency = Currency.Gbp, IsRefund = true,
            Lines = [new SalesLine { Description = "Chipped", Quantity = 1, UnitPrice = 10m, TaxRate = 0.20m }],
        },
        new JournalEntry
        {
            Source = new("books", "journal", "500"), Version = SourceVersion.FromSequence(1),
            Date = new DateOnly(2026, 11, 1), Currency = Currency.Gbp, Memo = "Opening balance",
            Lines =
            [
                new JournalLine { AccountCode = "1200", Debit = 1000m },
                new JournalLine { AccountCode = "3000", Credit = 1000m },
            ],
        },
    ];

    /// <summary>Balances by account code, debit positive.</summary>
    public static IReadOnlyDictionary<string, decimal> ExpectedBalances() => new Dictionary<string, decimal>
    {
        // Invoice 50 + 10 VAT; receipt 30 - 5 discount + 5 VAT = 30; payment 60 less 1.05 fee; refund 12.
        ["1100"] = 60m - 60m,
        ["1200"] = 1000m + 30m + 58.95m - 12m,
        ["2200"] = -10m - 5m + 2m,
        ["3000"] = -1000m,
        ["4000"] = -50m - 30m,
        ["4010"] = 5m,
        ["4020"] = 10m,
        ["6100"] = 1.05m,
    };

    public static JournalEntry UnbalancedJournal() => new()
    {
        Source = new("books", "journal", "bad"), Version = SourceVersion.FromSequence(1),
        Date = new DateOnly(2026, 11, 1), Currency = Currency.Gbp,
        Lines =
        [
            new JournalLine { AccountCode = "1200", Debit = 10m },
            new JournalLine { AccountCode = "3000", Credit = 9.99m },
        ],
    };
}
