using AccountingSync.Model;
using AccountingSync.Model.Documents;
using AccountingSync.Validation;

namespace AccountingSync.Tests.Validation;

public sealed class DocumentValidatorTests
{
    private static readonly SourceIdentity Source = new("pos", "invoice", "1");
    private readonly DocumentValidator _validator = new();

    private static Invoice Invoice(params SalesLine[] lines) => new()
    {
        Source = Source,
        Number = "INV-1",
        Currency = Currency.Gbp,
        Lines = lines,
    };

    [Fact]
    public void Validate_GoodInvoice_IsValidAndShared()
    {
        var result = _validator.Validate(Invoice(new SalesLine { Quantity = 2, UnitPrice = 9.99m, TaxRate = 0.2m }));
        Assert.True(result.IsValid);
        Assert.Same(ValidationResult.Valid, result);
    }

    [Fact]
    public void Validate_SeveralBadLines_ReportsEveryProblemWithItsPath()
    {
        var result = _validator.Validate(Invoice(
            new SalesLine { Quantity = 1, UnitPrice = 5m },
            new SalesLine { Quantity = 0, UnitPrice = 5m },
            new SalesLine { Quantity = 1, UnitPrice = -1m, TaxRate = 1.5m },
            new SalesLine { Quantity = 1, UnitPrice = 5m, Discount = 6m }));

        Assert.Equal(
            [
                ("Lines[1].Quantity", ValidationCodes.ZeroQuantity),
                ("Lines[2].UnitPrice", ValidationCodes.Negative),
                ("Lines[2].TaxRate", ValidationCodes.TaxRateOutOfRange),
                ("Lines[3].Discount", ValidationCodes.DiscountTooLarge),
            ],
            result.Problems.Select(p => (p.Path, p.Code)));
    }

    [Fact]
    public void Validate_NoLinesAndNoNumber_ReportsBoth()
    {
        var result = _validator.Validate(Invoice() with { Number = " " });
        Assert.Equal(["Number", "Lines"], result.Problems.Select(p => p.Path));
    }

    [Fact]
    public void Validate_DeclaredTotalThatDoesNotAddUp_IsReported()
    {
        var invoice = Invoice(new SalesLine { Quantity = 3, UnitPrice = 10m, TaxRate = 0.2m }) with
        {
            DeclaredTotal = new Money(35.99m, Currency.Gbp),
        };

        var problem = Assert.Single(_validator.Validate(invoice).Problems);
        Assert.Equal(ValidationCodes.TotalMismatch, problem.Code);
        Assert.Contains("36.00", problem.Message, StringComparison.Ordinal);
        Assert.True(_validator.Validate(invoice with { DeclaredTotal = new Money(36m, Currency.Gbp) }).IsValid);
    }

    [Fact]
    public void Validate_DeclaredTotalInAnotherCurrency_IsAMismatchNotASum()
    {
        var invoice = Invoice(new SalesLine { UnitPrice = 10m }) with { DeclaredTotal = new Money(10m, Currency.Eur) };
        Assert.Equal(ValidationCodes.CurrencyMismatch, Assert.Single(_validator.Validate(invoice).Problems).Code);
    }

    [Fact]
    public void Validate_DefaultCurrency_IsReportedMissing()
    {
        var invoice = Invoice(new SalesLine { UnitPrice = 1m }) with { Currency = default };
        Assert.Equal(ValidationCodes.CurrencyMissing, Assert.Single(_validator.Validate(invoice).Problems).Code);
    }

    [Fact]
    public void Validate_UnbalancedJournal_ReportsTheDifference()
    {
        var journal = new JournalEntry
        {
            Source = Source,
            Currency = Currency.Gbp,
            Lines =
            [
                new JournalLine { AccountCode = "1200", Debit = 100m },
                new JournalLine { AccountCode = "4000", Credit = 99.99m },
            ],
        };

        var problem = Assert.Single(_validator.Validate(journal).Problems);
        Assert.Equal(ValidationCodes.Unbalanced, problem.Code);
        Assert.Contains("0.01", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_JournalLineWithBothSidesOrTooPrecise_IsReported()
    {
        var journal = new JournalEntry
        {
            Source = Source,
            Currency = Currency.Gbp,
            Lines =
            [
                new JournalLine { AccountCode = "1200", Debit = 10m, Credit = 10m },
                new JournalLine { AccountCode = "", Credit = 0.005m },
                new JournalLine { AccountCode = "4000", Debit = 0.005m },
            ],
        };

        var codes = _validator.Validate(journal).Problems.Select(p => (p.Path, p.Code)).ToList();
        Assert.Contains(("Lines[0].Debit", ValidationCodes.DebitCreditBoth), codes);
        Assert.Contains(("Lines[1].AccountCode", ValidationCodes.Required), codes);
        Assert.Contains(("Lines[1].Credit", ValidationCodes.TooPrecise), codes);
    }

    [Fact]
    public void Validate_Payment_MustBePositiveAndWholeMinorUnits()
    {
        Payment Pay(decimal amount) => new() { Source = Source, Amount = new Money(amount, Currency.Gbp) };

        Assert.True(_validator.Validate(Pay(10.5m)).IsValid);
        Assert.Equal(ValidationCodes.NotPositive, Assert.Single(_validator.Validate(Pay(0m)).Problems).Code);
        Assert.Equal(ValidationCodes.TooPrecise, Assert.Single(_validator.Validate(Pay(10.505m)).Problems).Code);
    }

    [Fact]
    public void Validate_ContactWithoutName_IsReported()
    {
        var contact = new Contact { Source = Source, Name = "" };
        Assert.Equal("Name", Assert.Single(_validator.Validate(contact).Problems).Path);
    }
}
