namespace Denied.Store;

/// <summary>The outcome of <see cref="FindingStore.TryClaimNotificationAsync"/>.</summary>
public enum NotificationClaim
{
    /// <summary>This caller holds the claim: publish, then call MarkNotificationSentAsync.</summary>
    Claimed,

    /// <summary>The notification for this transition was published already: do nothing (never twice).</summary>
    AlreadySent,

    /// <summary>
    /// An earlier attempt claimed it and did not confirm sending (it crashed, or is still running). The
    /// caller chooses: publish again (at least once) or skip (at most once).
    /// </summary>
    ClaimedEarlier,
}
