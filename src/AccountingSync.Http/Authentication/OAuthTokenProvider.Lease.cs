using AccountingSync.Credentials;
using AccountingSync.Http.Authentication.Internal;

namespace AccountingSync.Http.Authentication;

public sealed partial class OAuthTokenProvider
{
    private static readonly TimeSpan LeasePollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Refreshes while holding the store's refresh lease, so that two processes never spend the same rotating
    /// refresh token: the provider would retire it after the first use and refuse the second with invalid_grant.
    /// </summary>
    private async ValueTask<OAuthTokens> RefreshUnderLeaseAsync(
        OAuthTokens? seen, string? rejected, CancellationToken cancellationToken)
    {
        var connection = _options.Connection;
        var giveUpAt = _time.GetUtcNow() + (2 * _options.RefreshLeaseDuration);
        var waited = false;
        while (true)
        {
            var now = _time.GetUtcNow();
            if (await _store.TryAcquireRefreshLeaseAsync(
                    connection, _leaseOwner, now, now + _options.RefreshLeaseDuration, cancellationToken)
                .ConfigureAwait(false))
            {
                try
                {
                    // Read again under the lease: a holder that has just let go saved its rotation first.
                    var current = await _store.GetAsync(connection, cancellationToken).ConfigureAwait(false) ?? seen;
                    return Usable(current, rejected)
                        ? current!
                        : await RequestAsync(current, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await _store.ReleaseRefreshLeaseAsync(connection, _leaseOwner, CancellationToken.None)
                        .ConfigureAwait(false);
                }
            }

            if (!waited)
            {
                Log.RefreshLeaseHeld(_logger, connection);
                waited = true;
            }

            if (now >= giveUpAt)
            {
                throw new OAuthTokenException(
                    connection, "another instance holds the refresh lease and stored no new token in time");
            }

            await Task.Delay(LeasePollInterval, _time, cancellationToken).ConfigureAwait(false);
            var latest = await _store.GetAsync(connection, cancellationToken).ConfigureAwait(false);
            if (Usable(latest, rejected))
            {
                return latest!;
            }
        }
    }
}
