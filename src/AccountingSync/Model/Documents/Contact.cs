namespace AccountingSync.Model.Documents;

/// <summary>A customer or supplier.</summary>
public sealed record Contact : AccountingDocument
{
    /// <inheritdoc />
    public override DocumentKind Kind => DocumentKind.Contact;

    /// <summary>Gets the display name; required.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the e-mail address, when known.</summary>
    public string? Email { get; init; }

    /// <summary>Gets the tax or VAT registration number, when known.</summary>
    public string? TaxNumber { get; init; }

    /// <summary>Gets the country, as the source gives it.</summary>
    public string? Country { get; init; }

    /// <summary>Gets a value indicating whether the contact buys from the business.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool IsCustomer { get; init; } = true;

    /// <summary>Gets a value indicating whether the contact sells to the business.</summary>
    public bool IsSupplier { get; init; }
}
