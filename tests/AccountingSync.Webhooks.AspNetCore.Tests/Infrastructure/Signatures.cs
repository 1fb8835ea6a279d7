using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AccountingSync.Webhooks.Tests.Infrastructure;

/// <summary>Signs test deliveries the way each provider documents, straight from HMACSHA256.</summary>
internal static class Signatures
{
    public static string Stripe(string secret, long timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".").Concat(body).ToArray();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    public static string Base64(string secret, byte[] body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
