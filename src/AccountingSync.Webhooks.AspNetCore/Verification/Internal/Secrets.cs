using System.Text;

namespace AccountingSync.Webhooks.Verification.Internal;

/// <summary>Turns secrets as providers show them into key bytes, naming a bad secret by position only.</summary>
internal static class Secrets
{
    public static byte[][] Utf8(IEnumerable<string> secrets, string parameterName)
    {
        var keys = Materialize(secrets, parameterName).Select(s => Encoding.UTF8.GetBytes(s)).ToArray();
        return keys;
    }

    public static List<string> Materialize(IEnumerable<string> secrets, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(secrets, parameterName);
        var list = secrets.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one secret is required.", parameterName);
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(list[i]))
            {
                throw new ArgumentException($"Secret #{i + 1} is empty.", parameterName);
            }
        }

        return list;
    }

    /// <summary>Decodes base64 that may lack its trailing padding, as some dashboards show it.</summary>
    public static byte[]? FromLenientBase64(string text)
    {
        var padded = (text.Length % 4) switch
        {
            2 => text + "==",
            3 => text + "=",
            _ => text,
        };
        var buffer = new byte[(padded.Length / 4 * 3) + 3];
        return Convert.TryFromBase64String(padded, buffer, out var written) ? buffer[..written] : null;
    }
}
