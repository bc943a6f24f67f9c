namespace Denied.Findings;

/// <summary>
/// The change one observation makes to a finding, as <see cref="FindingLifecycle.Apply"/> decides it. The store
/// turns it into one conditional write (each decision pinned by a condition on what it was decided from).
/// </summary>
/// <param name="Kind">What the write is (new, updated, reopened, mute ended).</param>
/// <param name="Status">The status after the write.</param>
/// <param name="ReopenCount">The reopen count after the write.</param>
/// <param name="FirstSeen">The new firstSeen when the observation moves it earlier (always set for a new finding), else null.</param>
/// <param name="LastSeen">The new lastSeen when the observation is at least as recent as the stored one, else null.</param>
/// <param name="CountBefore">The count before the write (0 for a new finding).</param>
/// <param name="CountAfter">The count after the write.</param>
public sealed record FindingChange(
    FindingChangeKind Kind,
    FindingStatus Status,
    int ReopenCount,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    long CountBefore,
    long CountAfter)
{
    /// <summary>
    /// The observation's diagnosis replaces the stored one (the latest diagnosis wins): true unless every event of the
    /// observation is older than the finding's lastSeen (a backfill of older logs arriving after newer ones).
    /// </summary>
    public bool TakesLatest => LastSeen is not null;

    /// <summary>Which notification this change calls for: <see cref="FindingLifecycle.Notification"/>.</summary>
    public string? Notification(IReadOnlyList<long> countThresholds) =>
        FindingLifecycle.Notification(Kind, Status, ReopenCount, CountBefore, CountAfter, countThresholds);
}
