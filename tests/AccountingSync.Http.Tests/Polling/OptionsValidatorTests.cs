using AccountingSync.Http.Authentication;
using AccountingSync.Http.Polling;

namespace AccountingSync.Http.Tests.Polling;

/// <summary>The validators name the setting in every message, and Validate() runs the same rules.</summary>
public sealed class OptionsValidatorTests
{
    [Fact]
    public void Validate_ScheduleOutOfRange_MessageNamesTheOptionsAndSetting()
    {
        var result = new PollingScheduleOptionsValidator()
            .Validate("shop", new PollingScheduleOptions { Interval = TimeSpan.FromSeconds(30), Jitter = 0.7 });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith(
            "PollingScheduleOptions[shop].Interval must be between 1 and 60 minutes", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith(
            "PollingScheduleOptions[shop].Jitter must be between 0 and 0.5", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EndpointMissingNextPath_NamesTheSetting()
    {
        var endpoint = new HttpPollingEndpoint
        {
            System = "shop", EntityType = "Order", Path = "orders", ItemsPath = "items",
            Pagination = PollingPagination.NextLink, NextPath = " ", PageSize = 0,
        };

        var error = Assert.Throws<ArgumentException>(endpoint.Validate);

        Assert.Contains("HttpPollingEndpoint[Order].NextPath is required.", error.Message, StringComparison.Ordinal);
        Assert.Contains("HttpPollingEndpoint[Order].PageSize must be between 1 and 10000", error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OAuthWithoutClient_NamesSettingsButNeverTheSecret()
    {
        var options = new OAuthClientOptions { ClientSecret = "do-not-show", RefreshBeforeExpiry = TimeSpan.FromHours(1) };

        var result = new OAuthClientOptionsValidator().Validate("xero", options);

        Assert.Equal(4, result.Failures!.Count());
        Assert.Contains("OAuthClientOptions[xero].TokenEndpoint is required and must be an absolute address.", result.Failures!);
        Assert.Contains("OAuthClientOptions[xero].ClientId is required.", result.Failures!);
        Assert.DoesNotContain(result.Failures!, f => f.Contains("do-not-show", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ApiKeyMissing_NamesTheKeySetting()
    {
        var result = new ApiKeyOptionsValidator().Validate(null, new ApiKeyOptions { Location = (ApiKeyLocation)7 });

        Assert.Contains("ApiKeyOptions.Key is required.", result.Failures!);
        Assert.Contains("ApiKeyOptions.Location must be Header or Query (was 7).", result.Failures!);
    }

    [Fact]
    public void Validate_IdListingOutOfRange_NamesTheNestedSetting()
    {
        var endpoint = XeroModifiedSince.Endpoint("Invoices", "InvoiceID") with
        {
            IdListing = new PollingIdListing
            {
                Path = "ids", ItemsPath = "", Every = TimeSpan.FromSeconds(5), MaxDeleteFraction = 1.5,
            },
        };

        var failures = new HttpPollingEndpointValidator().Validate("xero", endpoint).Failures!.ToList();

        Assert.Equal(3, failures.Count);
        Assert.Contains("HttpPollingEndpoint[xero].IdListing.ItemsPath is required.", failures);
        Assert.Contains(failures, f => f.StartsWith("HttpPollingEndpoint[xero].IdListing.Every must be between 1 minute",
            StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("HttpPollingEndpoint[xero].IdListing.MaxDeleteFraction must be between 0 and 1",
            StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ValidSettings_Succeed()
    {
        Assert.True(new PollingScheduleOptionsValidator().Validate(null, new PollingScheduleOptions()).Succeeded);
        Assert.True(new HttpPollingEndpointValidator()
            .Validate(null, XeroModifiedSince.Endpoint("Invoices", "InvoiceID")).Succeeded);
        Assert.True(new ApiKeyOptionsValidator().Validate(null, new ApiKeyOptions { Key = "k" }).Succeeded);
    }
}
