using AccountingSync.Security;

namespace AccountingSync.Tests.Security;

public sealed class AesGcmFieldProtectorTests
{
    private static readonly byte[] KeyA = AesGcmFieldProtector.NewKey();
    private static readonly byte[] KeyB = AesGcmFieldProtector.NewKey();

    [Fact]
    public void ProtectThenUnprotect_RoundTripsAndHidesTheValue()
    {
        var protector = new AesGcmFieldProtector(new Dictionary<string, byte[]> { ["2026-12"] = KeyA }, "2026-12");

        var protectedText = protector.Protect("refresh-token-Zoë", "oauth.refresh_token");

        Assert.StartsWith("v1.2026-12.", protectedText, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh-token", protectedText, StringComparison.Ordinal);
        Assert.Equal("refresh-token-Zoë", protector.Unprotect(protectedText, "oauth.refresh_token"));
        Assert.NotEqual(protectedText, protector.Protect("refresh-token-Zoë", "oauth.refresh_token"));
    }

    [Fact]
    public void Unprotect_OtherPurposeOrAlteredText_FailsWithoutTheValue()
    {
        var protector = new AesGcmFieldProtector(new Dictionary<string, byte[]> { ["k1"] = KeyA }, "k1");
        var protectedText = protector.Protect("secret-value", "oauth.access_token");
        var altered = protectedText[..^2] + (protectedText[^2] == 'A' ? "B" : "A") + protectedText[^1];

        var wrongPurpose = Assert.Throws<FieldProtectionException>(() => protector.Unprotect(protectedText, "oauth.refresh_token"));
        var tampered = Assert.Throws<FieldProtectionException>(() => protector.Unprotect(altered, "oauth.access_token"));

        Assert.DoesNotContain("secret-value", wrongPurpose.Message, StringComparison.Ordinal);
        Assert.Contains("k1", tampered.Message, StringComparison.Ordinal);
        Assert.Throws<FieldProtectionException>(() => protector.Unprotect("plain text", "oauth.access_token"));
    }

    [Fact]
    public void Rotation_OldValuesStillReadAndNewOnesUseTheNewKey()
    {
        var before = new AesGcmFieldProtector(new Dictionary<string, byte[]> { ["old"] = KeyA }, "old");
        var stored = before.Protect("token", "oauth.access_token");
        var after = new AesGcmFieldProtector(new Dictionary<string, byte[]> { ["old"] = KeyA, ["new"] = KeyB }, "new");
        var retired = new AesGcmFieldProtector(new Dictionary<string, byte[]> { ["new"] = KeyB }, "new");

        Assert.Equal("token", after.Unprotect(stored, "oauth.access_token"));
        Assert.StartsWith("v1.new.", after.Protect("token", "oauth.access_token"), StringComparison.Ordinal);
        var error = Assert.Throws<FieldProtectionException>(() => retired.Unprotect(stored, "oauth.access_token"));
        Assert.Contains("'old'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BadKeyRing_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new AesGcmFieldProtector(new Dictionary<string, byte[]> { ["k"] = new byte[16] }, "k"));
        Assert.Throws<ArgumentException>(() => new AesGcmFieldProtector(new Dictionary<string, byte[]> { ["k.1"] = KeyA }, "k.1"));
        Assert.Throws<ArgumentException>(() => new AesGcmFieldProtector(new Dictionary<string, byte[]> { ["k"] = KeyA }, "other"));
    }
}
