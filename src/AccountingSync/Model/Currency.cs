using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace AccountingSync.Model;

/// <summary>
/// An ISO 4217 currency: its three-letter code and the number of digits in its minor unit.
/// </summary>
/// <remarks>
/// <para>
/// The minor units decide how <see cref="Money"/> rounds: two for GBP, zero for JPY, three for KWD.
/// Codes the SDK does not know can still be used through <see cref="Currency(string, int)"/>
/// when the caller states the minor units itself.
/// </para>
/// <para>The default value has an empty code and is never equal to a real currency.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public readonly record struct Currency
{
    private static readonly FrozenDictionary<string, int> KnownMinorUnits = new Dictionary<string, int>
    {
        ["AED"] = 2, ["AUD"] = 2, ["BHD"] = 3, ["BRL"] = 2, ["CAD"] = 2, ["CHF"] = 2, ["CLP"] = 0,
        ["CNY"] = 2, ["CZK"] = 2, ["DKK"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["HKD"] = 2, ["HUF"] = 2,
        ["IDR"] = 2, ["ILS"] = 2, ["INR"] = 2, ["ISK"] = 0, ["JOD"] = 3, ["JPY"] = 0, ["KRW"] = 0,
        ["KWD"] = 3, ["MXN"] = 2, ["MYR"] = 2, ["NOK"] = 2, ["NZD"] = 2, ["OMR"] = 3, ["PHP"] = 2,
        ["PLN"] = 2, ["RON"] = 2, ["SAR"] = 2, ["SEK"] = 2, ["SGD"] = 2, ["THB"] = 2, ["TND"] = 3,
        ["TRY"] = 2, ["TWD"] = 2, ["UGX"] = 0, ["USD"] = 2, ["VND"] = 0, ["XAF"] = 0, ["XOF"] = 0,
        ["ZAR"] = 2,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Pound sterling.</summary>
    public static Currency Gbp { get; } = new("GBP", 2);

    /// <summary>United States dollar.</summary>
    public static Currency Usd { get; } = new("USD", 2);

    /// <summary>Euro.</summary>
    public static Currency Eur { get; } = new("EUR", 2);

    /// <summary>Creates a currency with an explicit number of minor-unit digits.</summary>
    /// <param name="code">Three upper-case ASCII letters, such as <c>GBP</c>.</param>
    /// <param name="minorUnits">Digits after the decimal point, from 0 to 4.</param>
    /// <exception cref="ArgumentException"><paramref name="code"/> is not three upper-case letters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minorUnits"/> is outside 0..4.</exception>
    public Currency(string code, int minorUnits)
    {
        if (!IsWellFormedCode(code))
        {
            throw new ArgumentException(
                $"A currency code is three upper-case letters (ISO 4217); '{code}' is not.", nameof(code));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(minorUnits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minorUnits, 4);
        Code = code;
        MinorUnits = minorUnits;
    }

    /// <summary>Gets the ISO 4217 alphabetic code.</summary>
    public string Code { get; }

    /// <summary>Gets the number of digits of the minor unit (2 for cents, 0 for yen).</summary>
    public int MinorUnits { get; }

    /// <summary>Looks up a currency the SDK knows by its ISO 4217 code.</summary>
    /// <param name="code">The code, in any case.</param>
    /// <returns>The currency.</returns>
    /// <exception cref="ArgumentException">The code is unknown; use <see cref="Currency(string, int)"/>.</exception>
    public static Currency FromCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return TryFromCode(code, out var currency)
            ? currency
            : throw new ArgumentException(
                $"Unknown currency code '{code}'. Construct it with new Currency(code, minorUnits).", nameof(code));
    }

    /// <summary>Looks up a currency the SDK knows by its ISO 4217 code, without throwing.</summary>
    /// <param name="code">The code, in any case.</param>
    /// <param name="currency">The currency when found.</param>
    /// <returns><see langword="true"/> when the code is known.</returns>
    public static bool TryFromCode(string? code, [NotNullWhen(true)] out Currency currency)
    {
        var normalized = code?.Trim().ToUpperInvariant();
        if (normalized is not null && KnownMinorUnits.TryGetValue(normalized, out var minorUnits))
        {
            currency = new Currency(normalized, minorUnits);
            return true;
        }

        currency = default;
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Code ?? string.Empty;

    private static bool IsWellFormedCode(string? code) =>
        code is { Length: 3 } && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1])
        && char.IsAsciiLetterUpper(code[2]);
}
