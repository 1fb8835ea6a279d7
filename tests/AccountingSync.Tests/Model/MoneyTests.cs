using AccountingSync.Model;

namespace AccountingSync.Tests.Model;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("2.345", "2.35")]
    [InlineData("-2.345", "-2.35")]
    [InlineData("2.3449", "2.34")]
    [InlineData("0.005", "0.01")]
    public void Round_DefaultMode_RoundsMidpointsAwayFromZero(string amount, string expected)
    {
        var money = new Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Currency.Gbp);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), money.Round().Amount);
    }

    [Fact]
    public void Round_ToEven_UsesBankersRounding()
    {
        Assert.Equal(2.34m, new Money(2.345m, Currency.Gbp).Round(MidpointRounding.ToEven).Amount);
    }

    [Fact]
    public void Round_ZeroMinorUnitCurrency_RoundsToWholeUnits()
    {
        Assert.Equal(1235m, new Money(1234.5m, Currency.FromCode("JPY")).Round().Amount);
        Assert.Equal(1.235m, new Money(1.2345m, Currency.FromCode("KWD")).Round().Amount);
    }

    [Fact]
    public void Multiply_KeepsDecimalPrecision()
    {
        // 0.42 × 144 is 60.48 exactly; a double would give 60.479999...
        Assert.Equal(60.48m, (new Money(0.42m, Currency.Gbp) * 144m).Amount);
    }

    [Fact]
    public void Add_DifferentCurrencies_Throws()
    {
        var error = Assert.Throws<CurrencyMismatchException>(() => new Money(1m, Currency.Gbp) + new Money(1m, Currency.Eur));
        Assert.Equal(Currency.Gbp, error.Left);
        Assert.Equal(Currency.Eur, error.Right);
        Assert.Contains("GBP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_DifferentCurrencies_Throws()
    {
        Assert.Throws<CurrencyMismatchException>(() => new Money(1m, Currency.Usd) < new Money(2m, Currency.Eur));
    }

    [Fact]
    public void Arithmetic_SameCurrency_Works()
    {
        var total = new Money(10m, Currency.Gbp) - new Money(2.5m, Currency.Gbp) + new Money(0.25m, Currency.Gbp);
        Assert.Equal(new Money(7.75m, Currency.Gbp), total);
        Assert.True(total > Money.Zero(Currency.Gbp));
        Assert.Equal(-7.75m, (-total).Amount);
    }

    [Theory]
    [InlineData("gbp", "GBP", 2)]
    [InlineData(" jpy ", "JPY", 0)]
    [InlineData("BHD", "BHD", 3)]
    public void FromCode_KnownCodes_CarryTheirMinorUnits(string code, string expected, int minorUnits)
    {
        var currency = Currency.FromCode(code);
        Assert.Equal(expected, currency.Code);
        Assert.Equal(minorUnits, currency.MinorUnits);
    }

    [Fact]
    public void FromCode_UnknownCode_ThrowsNamingTheCode()
    {
        var error = Assert.Throws<ArgumentException>(() => Currency.FromCode("XYZ"));
        Assert.Contains("XYZ", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, new Currency("XYZ", 3).MinorUnits);
    }

    [Theory]
    [InlineData("gb")]
    [InlineData("gbp")]
    [InlineData("G1P")]
    public void Constructor_MalformedCode_Throws(string code)
    {
        Assert.Throws<ArgumentException>(() => new Currency(code, 2));
    }
}
