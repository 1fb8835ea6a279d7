using AccountingSync.Conformance;
using AccountingSync.Webhooks.Verification;

namespace AccountingSync.Webhooks.Tests.Verification;

public sealed class SharedVectorTests
{
    public static TheoryData<string> VectorIds()
    {
        var data = new TheoryData<string>();
        if (SharedData.Directory is null)
        {
            // One placeholder case, so the theory reports the missing folder (skip, or failure under CI).
            data.Add("shared-data-missing");
            return data;
        }

        foreach (var vector in WebhookVector.LoadAll())
        {
            data.Add(vector.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VectorIds))]
    public void Verify_SharedVector_MatchesExpectation(string id)
    {
        var vector = WebhookVector.Find(id);
        var verifier = vector.CreateVerifier();

        var result = verifier.Verify(new WebhookRequest(new WebhookHeaders(vector.Headers), vector.Body));

        if (vector.ExpectedValid)
        {
            Assert.True(result.Succeeded, $"{id}: {result}");
            return;
        }

        Assert.False(result.Succeeded, $"{id} was accepted but should fail: {vector.Reason}");
        Assert.Equal(vector.ExpectedFailure, result.Failure);
        Assert.DoesNotContain(vector.Secrets[0], result.Message!, StringComparison.Ordinal);
    }

    [Fact]
    public void Vectors_EveryProviderAndScheme_AreCovered()
    {
        var vectors = WebhookVector.LoadAll().ToList();

        Assert.Equal(vectors.Count, vectors.Select(v => v.Id).Distinct().Count());
        Assert.Superset(
            new HashSet<string> { "standard-webhooks", "svix", "stripe", "shopify", "quickbooks", "xero", "square", "github" },
            vectors.Select(v => v.Provider).ToHashSet());
        Assert.Contains(vectors, v => v.Scheme == "standard-webhooks-v1a" && v.ExpectedValid);
    }
}
