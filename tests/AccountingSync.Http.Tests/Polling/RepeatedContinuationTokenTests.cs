using AccountingSync.Http.Polling;

namespace AccountingSync.Http.Tests.Polling;

/// <summary>
/// A provider whose continuation token never advances: the listing must stop with a page error naming the
/// page, not ask for the same page forever. Each test also cancels its run after a bound, so a regression fails
/// instead of hanging.
/// </summary>
public sealed class RepeatedContinuationTokenTests
{
    [Fact]
    public async Task ReadChangesAsync_NextTokenRepeatsOnEmptyPages_StopsInsteadOfAskingForever()
    {
        // A provider bug (a token that never advances) must not spin the poller: with no records to hand on,
        // the reader never regains control to stop it, and only the run's cancellation would end it.
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var api = new TokenPagedApi { Answer = (_, _) => Task.FromResult(TokenPagedApi.Page(0, 0, "same")) };
        api.Answer = async (token, _) =>
        {
            if (api.Asked.Count > 1_000)
            {
                await cts.CancelAsync(); // the bound, so a regression fails rather than hangs
            }

            return TokenPagedApi.Page(0, 0, "same");
        };

        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var change in api.Source().ReadChangesAsync(null, cts.Token))
            {
            }
        });

        Assert.IsType<PollingPageException>(error);
        Assert.True(api.Asked.Count <= 3, $"{api.Asked.Count} requests for the same token");
    }

    [Fact]
    public async Task ReadChangesAsync_NextTokenRepeatsWithRecords_StopsInsteadOfReadingThePageForever()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var api = new TokenPagedApi { Answer = (_, _) => Task.FromResult(TokenPagedApi.Page(0, 100, "same")) };
        var read = 0;

        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var change in api.Source().ReadChangesAsync(null, cts.Token))
            {
                if (++read == 10_000)
                {
                    await cts.CancelAsync(); // the bound, so a regression fails rather than hangs
                }
            }
        });

        Assert.IsType<PollingPageException>(error);
        Assert.True(read <= 300, $"{read} records read from one page served again and again");
    }
}
