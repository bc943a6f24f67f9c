using Denied.Notifications;

namespace Denied.Findings;

/// <summary>
/// The finding's state machine, pure: what an observation does to the finding as stored, and what that change
/// notifies. The store only translates <see cref="Apply"/>'s answer into its conditional write; the Notifier
/// asks <see cref="Notification"/> about the change the stream record carries.
/// <list type="bullet">
/// <item>no finding yet: new, open;</item>
/// <item>resolved: reopened, open, reopen count + 1 (and the resolve's TTL is stopped);</item>
/// <item>muted with an expiry at or before now: mute ended, open;</item>
/// <item>otherwise (open, muted without expiry or not yet expired): updated, status kept; muted findings keep counting;</item>
/// <item>firstSeen only moves earlier; lastSeen and the diagnosis only move to a newer (or equally recent) observation.</item>
/// </list>
/// </summary>
public static class FindingLifecycle
{
    /// <param name="stored">The finding as just read, or null when there is none.</param>
    /// <param name="firstSeen">The observation's earliest event time.</param>
    /// <param name="lastSeen">The observation's latest event time.</param>
    /// <param name="counted">How much this write adds to the count.</param>
    /// <param name="now">When the write happens (a mute's expiry is judged against it).</param>
    public static FindingChange Apply(StoredFindingState? stored, DateTimeOffset firstSeen, DateTimeOffset lastSeen, long counted, DateTimeOffset now)
    {
        if (stored is null)
        {
            return new FindingChange(FindingChangeKind.New, FindingStatus.Open, 0, firstSeen, lastSeen, 0, counted);
        }

        var (kind, status, reopens) = stored.Status switch
        {
            FindingStatus.Resolved => (FindingChangeKind.Reopened, FindingStatus.Open, stored.ReopenCount + 1),
            FindingStatus.Muted when stored.MutedUntil is { } until && until <= now => (FindingChangeKind.MuteEnded, FindingStatus.Open, stored.ReopenCount),
            _ => (FindingChangeKind.Updated, stored.Status, stored.ReopenCount),
        };
        return new FindingChange(kind, status, reopens,
            FirstSeen: firstSeen < stored.FirstSeen ? firstSeen : null,
            LastSeen: lastSeen >= stored.LastSeen ? lastSeen : null,
            CountBefore: stored.Count,
            CountAfter: stored.Count + counted);
    }

    /// <summary>
    /// At most one notification per change, first match wins: a finding that is not open after the change, or a
    /// triage edit: none; new: "new" (no threshold, even when the first write already passed one); reopened:
    /// "reopened#&lt;reopenCount&gt;"; otherwise the highest threshold T with countBefore &lt; T &lt;= countAfter:
    /// "threshold#T", so a jump across several sends one message; else none.
    /// </summary>
    /// <param name="countThresholds">Positive counts; order and duplicates do not matter; empty turns threshold notifications off.</param>
    public static string? Notification(FindingChangeKind kind, FindingStatus status, int reopenCount, long countBefore, long countAfter, IReadOnlyList<long> countThresholds)
    {
        ArgumentNullException.ThrowIfNull(countThresholds);
        if (status != FindingStatus.Open || kind == FindingChangeKind.Triaged)
        {
            return null;
        }

        if (kind == FindingChangeKind.New)
        {
            return NotificationTransition.New;
        }

        if (kind == FindingChangeKind.Reopened)
        {
            return NotificationTransition.Reopened(reopenCount);
        }

        long? crossed = null;
        foreach (var threshold in countThresholds)
        {
            if (threshold > 0 && countBefore < threshold && threshold <= countAfter && (crossed is null || threshold > crossed))
            {
                crossed = threshold;
            }
        }

        return crossed is { } t ? NotificationTransition.Threshold(t) : null;
    }
}
