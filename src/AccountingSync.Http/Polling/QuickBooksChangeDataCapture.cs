namespace AccountingSync.Http.Polling;

/// <summary>
/// Builds <see cref="HttpPollingEndpoint"/>s in the shape of QuickBooks Online's ChangeDataCapture operation:
/// <c>GET /v3/company/{realmId}/cdc?entities={Entity}&amp;changedSince={time}</c>.
/// </summary>
/// <remarks>
/// <para>
/// The provider's contract: changes of the last 30 days only, at most 1,000 objects per answer, in no promised
/// order, with a removed entity reported as a stub carrying <c>"status": "Deleted"</c>; an entity with no change
/// is left out of the answer. The endpoint therefore sorts each answer, continues from the newest record when
/// an answer is full, and refuses (by default) a watermark beyond the 30 days with
/// <see cref="PollingLookbackExceededException"/>.
/// </para>
/// <para>One endpoint polls one entity type, so each has its own stream, checkpoint and cap.</para>
/// </remarks>
public static class QuickBooksChangeDataCapture
{
    /// <summary>The look-back limit of the operation.</summary>
    public static readonly TimeSpan MaxLookback = TimeSpan.FromDays(30);

    /// <summary>The most objects one answer holds.</summary>
    public const int MaxObjectsPerCall = 1000;

    /// <summary>Creates the endpoint for one entity type of one company.</summary>
    /// <param name="realmId">The company id.</param>
    /// <param name="entity">The entity name as QuickBooks spells it, such as <c>Invoice</c>.</param>
    /// <param name="initialWatermark">The time the first poll starts from; within the last 30 days.</param>
    /// <param name="lookback">What to do when the watermark falls beyond the 30 days.</param>
    /// <returns>The endpoint.</returns>
    public static HttpPollingEndpoint Endpoint(
        string realmId, string entity, DateTimeOffset initialWatermark, LookbackPolicy lookback = LookbackPolicy.Refuse)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(realmId);
        ArgumentException.ThrowIfNullOrWhiteSpace(entity);
        return new HttpPollingEndpoint
        {
            System = "quickbooks",
            EntityType = entity,
            Path = $"v3/company/{Uri.EscapeDataString(realmId)}/cdc?entities={Uri.EscapeDataString(entity)}",
            ItemsPath = $"CDCResponse.0.QueryResponse.0.{entity}",
            ItemsOptional = true,
            IdField = "Id",
            ModifiedField = "MetaData.LastUpdatedTime",
            StatusField = "status",
            DeletedStatuses = ["Deleted"],
            VoidedStatuses = [],
            Pagination = PollingPagination.None,
            PageSize = MaxObjectsPerCall,
            ModifiedSince = ModifiedSinceFilter.QueryParameter,
            ModifiedSinceParameter = "changedSince",
            MaxLookback = MaxLookback,
            Lookback = lookback,
            InitialWatermark = initialWatermark,
        };
    }
}
