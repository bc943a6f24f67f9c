using Denied.Findings;

namespace Denied.Notifications;

/// <summary>
/// Which notification one stored change of a finding calls for: a new finding, a reopened one, or a count that
/// passed a threshold. Pure. The kind of change is the one the write recorded on the item
/// (<see cref="Finding.LastChange"/>, decided by <see cref="FindingLifecycle.Apply"/>), not worked out again from
/// the images; the images give only the count before and after, and <see cref="FindingLifecycle.Notification"/>
/// holds the rules. An item with no recorded change (written before changes were kept) notifies nothing.
/// </summary>
public static class NotificationDecider
{
    /// <summary>Returns at most one notification: one per state change, even when a change is several things at once.</summary>
    /// <param name="oldImage">The finding before the change; null for an INSERT.</param>
    /// <param name="newImage">The finding after the change.</param>
    /// <param name="countThresholds">Positive counts; order and duplicates do not matter; empty turns threshold notifications off.</param>
    public static IReadOnlyList<Notification> Decide(Finding? oldImage, Finding newImage, IReadOnlyList<long> countThresholds)
    {
        ArgumentNullException.ThrowIfNull(newImage);
        ArgumentNullException.ThrowIfNull(countThresholds);
        if (newImage.LastChange is not { } change)
        {
            return [];
        }

        var transition = FindingLifecycle.Notification(change, newImage.Status, newImage.ReopenCount, oldImage?.Count ?? 0, newImage.Count, countThresholds);
        return transition is null ? [] : [new Notification(transition, newImage)];
    }
}
