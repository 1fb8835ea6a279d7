using AccountingSync.Inbox;

namespace WebhookSync;

/// <summary>Waits for the inbox processor: a delivery is acknowledged once stored, and booked a moment later.</summary>
public static class Inbox
{
    /// <summary>Returns when no stored event is waiting or being processed.</summary>
    /// <param name="inbox">The inbox.</param>
    /// <exception cref="TimeoutException">The processor did not catch up within five minutes.</exception>
    public static async Task WaitUntilProcessedAsync(IInboxStore inbox)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(5);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var pending = await inbox.ListAsync(new InboxQuery { Status = InboxStatus.Pending, Limit = 1 }, default);
            var claimed = await inbox.ListAsync(new InboxQuery { Status = InboxStatus.Claimed, Limit = 1 }, default);
            if (pending.Count == 0 && claimed.Count == 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        throw new TimeoutException("The inbox processor did not finish the stored events within five minutes.");
    }
}
