using System.Text;

namespace AccountingSync.Batch.Extract;

/// <summary>Looks up the text encodings batch files come in, including Windows code pages.</summary>
/// <remarks>
/// .NET ships only the Unicode encodings and Latin-1 by default; legacy exports from tills and desktop
/// accounting packages are often Windows-1252, which needs the framework's code-page provider registered once.
/// </remarks>
public static class TextEncodings
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    /// <summary>Gets UTF-8 without a byte-order mark; a mark in the input is still recognised and skipped.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Gets Windows-1252 (Western European), the usual encoding of exports from Windows software.</summary>
    public static Encoding Windows1252 => Get("windows-1252");

    /// <summary>Gets an encoding by its web name or code page name, such as <c>utf-8</c> or <c>windows-1252</c>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The encoding.</returns>
    /// <exception cref="ArgumentException">No encoding has that name.</exception>
    public static Encoding Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _ = Registered.Value;
        return Encoding.GetEncoding(name);
    }
}
