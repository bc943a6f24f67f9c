using Denied.Findings;

namespace Denied.Notifications;

/// <summary>
/// Decides which notification one stored change of a finding calls for (PRODUCT.md "Notifications"): a new
/// finding, a reopened one, or a count that passed a threshold. Pure: it compares the old and new images of
/// the finding item as the DynamoDB stream delivers them.
/// </summary>
public static class NotificationDecider
{
    /// <summary>
    /// Returns at most one notification: one per state change, even when a change is several things at once.
    /// Rules, first match wins:
    /// <list type="number">
    /// <item>the new image is not open (muted or resolved): none; muted findings keep counting silently;</item>
    /// <item>no old image: "new" (and no threshold, even when the first batch already passed one);</item>
    /// <item>the old image was resolved, or reopenCount grew: "reopened#&lt;reopenCount&gt;";</item>
    /// <item>old count &lt; T &lt;= new count for some thresholds T: "threshold#&lt;the highest such T&gt;", so a
    /// jump across several thresholds sends one message, about the largest;</item>
    /// <item>otherwise (count unchanged or between thresholds, triage edits, unmuting): none.</item>
    /// </list>
    /// </summary>
    /// <param name="oldImage">The finding before the change; null for an INSERT.</param>
    /// <param name="newImage">The finding after the change.</param>
    /// <param name="countThresholds">Positive counts; order and duplicates do not matter; empty turns threshold notifications off.</param>
    public static IReadOnlyList<Notification> Decide(Finding? oldImage, Finding newImage, IReadOnlyList<long> countThresholds)
    {
        ArgumentNullException.ThrowIfNull(newImage);
        ArgumentNullException.ThrowIfNull(countThresholds);
        if (newImage.Status != FindingStatus.Open)
        {
            return [];
        }

        if (oldImage is null)
        {
            return [new Notification(NotificationTransition.New, newImage)];
        }

        if (oldImage.Status == FindingStatus.Resolved || newImage.ReopenCount > oldImage.ReopenCount)
        {
            return [new Notification(NotificationTransition.Reopened(newImage.ReopenCount), newImage)];
        }

        long? crossed = null;
        foreach (var threshold in countThresholds)
        {
            if (threshold > 0 && oldImage.Count < threshold && threshold <= newImage.Count && (crossed is null || threshold > crossed))
            {
                crossed = threshold;
            }
        }

        return crossed is { } t ? [new Notification(NotificationTransition.Threshold(t), newImage)] : [];
    }
}
