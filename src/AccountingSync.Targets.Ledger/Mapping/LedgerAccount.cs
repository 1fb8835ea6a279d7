namespace AccountingSync.Targets.Ledger.Mapping;

/// <summary>One account of a <see cref="ChartOfAccounts"/>: a stable code, a name, a type and a place in the tree.</summary>
/// <remarks>
/// <para>
/// Postings name accounts by <see cref="Code"/>, which never changes; <see cref="Path"/> is where the account
/// sits in a hierarchical book (GnuCash, hledger), segments separated by colons, such as
/// <c>Assets:Accounts Receivable</c>.
/// </para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record LedgerAccount
{
    /// <summary>Creates an account.</summary>
    /// <param name="code">The stable code, such as <c>1100</c>.</param>
    /// <param name="name">The display name.</param>
    /// <param name="type">The account type.</param>
    /// <param name="path">The colon-separated path in a hierarchical book; its last segment is usually the name.</param>
    /// <exception cref="ArgumentException">A text argument is empty, or the path has an empty segment.</exception>
    public LedgerAccount(string code, string name, LedgerAccountType type, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (path.Split(':').Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"Account path '{path}' has an empty segment.", nameof(path));
        }

        Code = code;
        Name = name;
        Type = type;
        Path = path;
    }

    /// <summary>Gets the stable code postings refer to.</summary>
    public string Code { get; }

    /// <summary>Gets the display name.</summary>
    public string Name { get; }

    /// <summary>Gets the account type.</summary>
    public LedgerAccountType Type { get; }

    /// <summary>Gets the colon-separated path in a hierarchical book.</summary>
    public string Path { get; }
}
