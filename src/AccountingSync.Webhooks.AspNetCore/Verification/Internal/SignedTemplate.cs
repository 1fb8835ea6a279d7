using System.Text;

namespace AccountingSync.Webhooks.Verification.Internal;

/// <summary>The parsed form of <see cref="HmacSignatureScheme.SignedContent"/>: literal bytes, timestamp and body in order.</summary>
internal sealed class SignedTemplate
{
    private readonly (byte[]? Literal, bool IsBody)[] _parts;

    private SignedTemplate((byte[]? Literal, bool IsBody)[] parts, bool usesTimestamp)
    {
        _parts = parts;
        UsesTimestamp = usesTimestamp;
        IsBodyOnly = parts.Length == 1 && parts[0].IsBody;
    }

    public bool UsesTimestamp { get; }

    public bool IsBodyOnly { get; }

    /// <summary>Parses a template; a null literal with IsBody false stands for the timestamp.</summary>
    public static SignedTemplate Parse(string template, string? url)
    {
        var parts = new List<(byte[]?, bool)>();
        var literal = new StringBuilder();
        var bodies = 0;
        var usesTimestamp = false;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '{')
            {
                literal.Append(template[i]);
                continue;
            }

            var end = template.IndexOf('}', i);
            var name = end < 0 ? template[i..] : template[(i + 1)..end];
            switch (name)
            {
                case "body":
                    Flush(parts, literal);
                    parts.Add((null, true));
                    bodies++;
                    break;
                case "timestamp":
                    Flush(parts, literal);
                    parts.Add((null, false));
                    usesTimestamp = true;
                    break;
                case "url" when url is not null:
                    literal.Append(url);
                    break;
                case "url":
                    throw new ArgumentException("SignedContent uses {url} but no Url is set.", nameof(template));
                default:
                    throw new ArgumentException(
                        $"SignedContent has an unknown placeholder '{{{name}}}'; use {{body}}, {{timestamp}} or {{url}}.",
                        nameof(template));
            }

            i = end;
        }

        Flush(parts, literal);
        if (bodies != 1)
        {
            throw new ArgumentException("SignedContent must contain {body} exactly once.", nameof(template));
        }

        return new SignedTemplate([.. parts], usesTimestamp);
    }

    public int Length(string? timestamp, int bodyLength)
    {
        var length = 0;
        foreach (var (literal, isBody) in _parts)
        {
            length += isBody ? bodyLength : literal?.Length ?? Encoding.UTF8.GetByteCount(timestamp!);
        }

        return length;
    }

    public int Write(string? timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var at = 0;
        foreach (var (literal, isBody) in _parts)
        {
            if (isBody)
            {
                body.CopyTo(destination[at..]);
                at += body.Length;
            }
            else if (literal is not null)
            {
                literal.CopyTo(destination[at..]);
                at += literal.Length;
            }
            else
            {
                at += Encoding.UTF8.GetBytes(timestamp, destination[at..]);
            }
        }

        return at;
    }

    private static void Flush(List<(byte[]?, bool)> parts, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            parts.Add((Encoding.UTF8.GetBytes(literal.ToString()), false));
            literal.Clear();
        }
    }
}
