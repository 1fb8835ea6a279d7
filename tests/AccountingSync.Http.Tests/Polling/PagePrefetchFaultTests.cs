using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using AccountingSync.Connectors;
using AccountingSync.Http.Polling;

namespace AccountingSync.Http.Tests.Polling;

/// <summary>
/// Faults around the page asked for ahead: a next request that fails in each way, and a reader that stops,
/// throws or is cancelled while it is in flight.
/// </summary>
public sealed class PagePrefetchFaultTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static TheoryData<string> NextPageFaults => ["401", "429", "500", "not-json", "items-not-array"];

    [Theory]
    [MemberData(nameof(NextPageFaults))]
    public async Task ReadChangesAsync_NextPageFails_ErrorComesAfterEveryRecordOfTheCurrentPage(string fault)
    {
        var api = new TokenPagedApi
        {
            Answer = (token, _) => Task.FromResult(token is null ? TokenPagedApi.Page(0, 100, "p2") : Fault(fault)),
        };
        var read = new List<SourceChange>();

        var error = await Assert.ThrowsAsync<PollingPageException>(async () =>
        {
            await foreach (var change in api.Source().ReadChangesAsync(null, TestContext.Current.CancellationToken))
            {
                read.Add(change);
            }
        });

        Assert.Equal(100, read.Count);
        Assert.NotNull(read[^1].Cursor);
        Assert.Contains("continuation token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChangesAsync_PageWithNoItemsButANextToken_ContinuesToThePageAfter()
    {
        // Some providers answer an empty page while a filter catches up; the token still leads on.
        var api = new TokenPagedApi
        {
            Answer = (token, _) => Task.FromResult(token switch
            {
                null => TokenPagedApi.Page(0, 100, "p2"),
                "p2" => TokenPagedApi.Page(0, 0, "p3"),
                _ => TokenPagedApi.Page(100, 5, null),
            }),
        };

        var ids = new List<string>();
        await foreach (var change in api.Source().ReadChangesAsync(null, TestContext.Current.CancellationToken))
        {
            ids.Add(change.Entity.Id);
        }

        Assert.Equal(105, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal([null, "p2", "p3"], api.Asked);
    }

    [Fact]
    public async Task ReadChangesAsync_ReaderThrowsWhileTheNextPageIsHeld_ItsOwnErrorSurfacesAndTheRequestIsCancelled()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var api = new TokenPagedApi
        {
            Answer = async (token, ct) =>
            {
                if (token is null)
                {
                    return TokenPagedApi.Page(0, 100, "p2");
                }

                held.TrySetResult();
                using var _ = ct.Register(() => released.TrySetResult());
                await Task.Delay(Timeout.Infinite, ct);
                throw new UnreachableException();
            },
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var change in api.Source().ReadChangesAsync(null, TestContext.Current.CancellationToken))
            {
                await held.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
                throw new InvalidOperationException("the consumer's own failure");
            }
        });

        Assert.Equal("the consumer's own failure", error.Message);
        await released.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ReadChangesAsync_CancelledWhileTheNextPageIsHeld_StopsWithCancellationNotAPageError()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var api = new TokenPagedApi
        {
            Answer = async (token, ct) =>
            {
                if (token is null)
                {
                    return TokenPagedApi.Page(0, 100, "p2");
                }

                held.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
                throw new UnreachableException();
            },
        };

        var read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var change in api.Source().ReadChangesAsync(null, cts.Token))
            {
                if (++read == 50)
                {
                    await held.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
                    await cts.CancelAsync();
                }
            }
        });

        // Cancellation is checked between pages, so the rest of the page in hand is still handed on; what
        // matters is that the held request ends as a cancellation, never as a page error.
        Assert.Equal(100, read);
    }

    [Fact]
    public async Task ReadChangesAsync_ReaderStopsAfterTheNextPageFailed_TheFailureIsNotLeftUnobserved()
    {
        // The page asked for ahead has already failed when the reader stops: its error belongs to nobody, but it
        // must still be observed, or the runtime reports it to UnobservedTaskException (and a host set to crash
        // on those would go down).
        var marker = "unobserved-" + Guid.NewGuid().ToString("N");
        var seen = new List<Exception>();
        EventHandler<UnobservedTaskExceptionEventArgs> watch = (_, e) =>
        {
            lock (seen)
            {
                seen.AddRange(e.Exception.Flatten().InnerExceptions.Where(x => x.Message.Contains(marker, StringComparison.Ordinal)));
            }
        };

        TaskScheduler.UnobservedTaskException += watch;
        try
        {
            await ReadOneRecordAfterTheNextPageFailedAsync(marker);
            for (var i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= watch;
        }

        lock (seen)
        {
            Assert.Empty(seen);
        }
    }

    // Kept out of the test's own frame, so nothing there still holds the enumeration when the GC runs.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task ReadOneRecordAfterTheNextPageFailedAsync(string marker)
    {
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var api = new TokenPagedApi
        {
            Answer = (token, _) =>
            {
                if (token is null)
                {
                    return Task.FromResult(TokenPagedApi.Page(0, 100, "p2"));
                }

                failed.TrySetResult();
                return Task.FromException<HttpResponseMessage>(new HttpRequestException(marker));
            },
        };

        await foreach (var change in api.Source().ReadChangesAsync(null, TestContext.Current.CancellationToken))
        {
            await failed.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
            break;
        }
    }

    private static HttpResponseMessage Fault(string fault) => fault switch
    {
        "401" => TokenPagedApi.Json("{}", HttpStatusCode.Unauthorized),
        "429" => TokenPagedApi.Json("{}", HttpStatusCode.TooManyRequests),
        "500" => TokenPagedApi.Json("{}", HttpStatusCode.InternalServerError),
        "not-json" => TokenPagedApi.Json("{\"items\": [ {\"id\": "),
        _ => TokenPagedApi.Json("{\"items\": {\"id\": \"x\"}}"),
    };
}
