using AccountingSync.Connectors;
using AccountingSync.Idempotency;
using AccountingSync.Model;
using AccountingSync.Model.Documents;
using AccountingSync.Targets.Ledger.Mapping;

namespace AccountingSync.Targets.Ledger.Tests.Mapping;

public sealed class PostingMapperTests
{
    private static readonly PostingMapper Mapper = new();

    private static LedgerEntry Map(AccountingDocument document, ChangeOperation operation = ChangeOperation.Upsert) =>
        Mapper.Map(new TargetWrite(IdempotencyKey.Derive("t", document.Source, document.Version, operation), document, operation));

    private static Dictionary<string, decimal> ByAccount(LedgerEntry entry) =>
        entry.Postings.GroupBy(p => p.AccountCode).ToDictionary(g => g.Key, g => g.Sum(p => p.Amount));

    private static SalesLine Line(decimal price, decimal qty = 1, decimal discount = 0, string? account = null) =>
        new() { Description = "x", Quantity = qty, UnitPrice = price, Discount = discount, TaxRate = 0.20m, AccountCode = account };

    [Fact]
    public void Map_Invoice_DebitsReceivablesCreditsSalesAndVat()
    {
        var entry = Map(new Invoice
        {
            Source = new("shop", "invoice", "1"), Number = "INV-1", Currency = Currency.Gbp, Lines = [Line(10m, 3)],
        });

        Assert.Equal(new Dictionary<string, decimal> { ["1100"] = 36m, ["4000"] = -30m, ["2200"] = -6m }, ByAccount(entry));
        Assert.Equal(36m, entry.Total);
        Assert.Equal(0m, entry.Postings.Sum(p => p.Amount));
    }

    [Fact]
    public void Map_SalesReceiptPaidInCash_DebitsCashAndBooksDiscountApart()
    {
        var entry = Map(new SalesReceipt
        {
            Source = new("pos", "sale", "1"), Number = "R1", Currency = Currency.Gbp, PaymentMethod = "Cash",
            Lines = [Line(10m, 2, discount: 5m)],
        });

        Assert.Equal(
            new Dictionary<string, decimal> { ["1000"] = 18m, ["4000"] = -20m, ["4010"] = 5m, ["2200"] = -3m },
            ByAccount(entry));
    }

    [Fact]
    public void Map_LineWithAccountCode_OverridesSalesAccount()
    {
        var entry = Map(new SalesReceipt
        {
            Source = new("pos", "sale", "2"), Number = "R2", Currency = Currency.Gbp,
            Lines = [Line(10m), Line(4m, account: "4900")],
        });

        Assert.Equal(-10m, ByAccount(entry)["4000"]);
        Assert.Equal(-4m, ByAccount(entry)["4900"]);
        Assert.Equal(16.80m, ByAccount(entry)["1200"]);
    }

    [Fact]
    public void Map_LineOfItemWithIncomeAccount_BooksToThatAccountUnlessLineOverrides()
    {
        var mapper = new PostingMapper(new PostingOptions { ItemAccounts = new Dictionary<string, string> { ["GIFT"] = "4900" } });
        var receipt = new SalesReceipt
        {
            Source = new("pos", "sale", "3"), Number = "R3", Currency = Currency.Gbp,
            Lines = [Line(10m) with { ItemCode = "GIFT" }, Line(5m, account: "4000") with { ItemCode = "GIFT" }],
        };

        var entry = mapper.Map(new TargetWrite(
            IdempotencyKey.Derive("t", receipt.Source, receipt.Version, ChangeOperation.Upsert), receipt, ChangeOperation.Upsert));

        Assert.Equal(-10m, ByAccount(entry)["4900"]);
        Assert.Equal(-5m, ByAccount(entry)["4000"]);
    }

    [Fact]
    public void Map_PerLineTaxRounding_RoundsEachLineToThePenny()
    {
        // Three lines of 0.105 tax each: per line 0.11 × 3 = 0.33; per document it would be 0.32.
        var entry = Map(new Invoice
        {
            Source = new("shop", "invoice", "r"), Number = "R", Currency = Currency.Gbp,
            Lines = [Line(0.525m), Line(0.525m), Line(0.525m)],
        });

        Assert.Equal(-0.33m, ByAccount(entry)["2200"]);
        Assert.Equal(-1.59m, ByAccount(entry)["4000"]);
        Assert.Equal(1.92m, ByAccount(entry)["1100"]);
    }

    [Fact]
    public void Map_ZeroDecimalCurrency_RoundsToWholeUnits()
    {
        var entry = Map(new Invoice
        {
            Source = new("shop", "invoice", "jp"), Number = "J", Currency = Currency.FromCode("JPY"),
            Lines = [new SalesLine { Quantity = 3, UnitPrice = 333.3m, TaxRate = 0.10m }],
        });

        Assert.Equal(new Dictionary<string, decimal> { ["1100"] = 1100m, ["4000"] = -1000m, ["2200"] = -100m }, ByAccount(entry));
    }

    [Fact]
    public void Map_CreditNoteRefund_DebitsReturnsAndVatCreditsBank()
    {
        var entry = Map(new CreditNote
        {
            Source = new("shop", "refund", "1"), Number = "CN1", Currency = Currency.Gbp, IsRefund = true,
            Lines = [Line(10m)],
        });

        Assert.Equal(new Dictionary<string, decimal> { ["1200"] = -12m, ["4020"] = 10m, ["2200"] = 2m }, ByAccount(entry));
    }

    [Fact]
    public void Map_CreditNoteOnAccount_CreditsReceivables()
    {
        var entry = Map(new CreditNote
        {
            Source = new("shop", "credit", "1"), Number = "CN2", Currency = Currency.Gbp, Lines = [Line(5m)],
        });

        Assert.Equal(-6m, ByAccount(entry)["1100"]);
    }

    [Fact]
    public void Map_PaymentWithFee_SplitsBankAndFeesAgainstReceivables()
    {
        var entry = Map(new Payment
        {
            Source = new("stripe", "charge", "ch_1"), Amount = new Money(100m, Currency.Gbp),
            Fee = new Money(1.65m, Currency.Gbp), AppliedTo = ["INV-1"],
        });

        Assert.Equal(
            new Dictionary<string, decimal> { ["1200"] = 98.35m, ["6100"] = 1.65m, ["1100"] = -100m }, ByAccount(entry));
    }

    [Fact]
    public void Map_BalancedJournalEntry_PostsEachLine()
    {
        var entry = Map(Journal(debit: 50m, credit: 50m));

        Assert.Equal(new Dictionary<string, decimal> { ["1200"] = 50m, ["3000"] = -50m }, ByAccount(entry));
    }

    [Fact]
    public void Map_UnbalancedJournalEntry_ThrowsNamingTheDifference()
    {
        var ex = Assert.Throws<PostingException>(() => Map(Journal(debit: 50m, credit: 49.99m)));

        Assert.Contains("does not balance", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0.01", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_DeclaredTotalDisagreeingWithLines_ThrowsUnbalanced()
    {
        var ex = Assert.Throws<PostingException>(() => Map(new Invoice
        {
            Source = new("shop", "invoice", "d"), Number = "D", Currency = Currency.Gbp, Lines = [Line(10m)],
            DeclaredTotal = new Money(12.01m, Currency.Gbp),
        }));

        Assert.Contains("does not balance", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_UnknownAccountCode_ThrowsNamingTheCode()
    {
        var ex = Assert.Throws<PostingException>(() => Map(new Invoice
        {
            Source = new("shop", "invoice", "u"), Number = "U", Currency = Currency.Gbp, Lines = [Line(1m, account: "9999")],
        }));

        Assert.Contains("'9999'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_AmountFinerThanCurrency_Throws()
    {
        var ex = Assert.Throws<PostingException>(() => Map(Journal(debit: 1.005m, credit: 1.005m)));

        Assert.Contains("more digits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_ContactOrItem_ThrowsNoPostings()
    {
        Assert.Throws<PostingException>(() => Map(new Contact { Source = new("shop", "customer", "1"), Name = "A" }));
        Assert.Throws<PostingException>(() => Map(new Item { Source = new("shop", "product", "1"), Code = "MUG" }));
    }

    [Fact]
    public void Map_Void_CarriesNoPostings()
    {
        var entry = Map(Journal(debit: 5m, credit: 4m), ChangeOperation.Void);

        Assert.Empty(entry.Postings);
        Assert.Equal(ChangeOperation.Void, entry.Operation);
    }

    [Fact]
    public void Constructor_OptionsNamingMissingAccount_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PostingMapper(new PostingOptions { FeesAccount = "nope" }));

        Assert.Contains("FeesAccount", ex.Message, StringComparison.Ordinal);
    }

    private static JournalEntry Journal(decimal debit, decimal credit) => new()
    {
        Source = new("books", "journal", "j1"), Currency = Currency.Gbp, Memo = "Opening",
        Lines =
        [
            new JournalLine { AccountCode = "1200", Debit = debit },
            new JournalLine { AccountCode = "3000", Credit = credit },
        ],
    };
}
