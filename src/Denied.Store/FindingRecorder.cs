using Denied.Findings;

namespace Denied.Store;

/// <summary>
/// The write path: claim the observation's events in the ledger, find tokens of earlier attempts that
/// never reached the finding, then apply all pending tokens to the finding. Safe to run again at any
/// point of failure, and concurrently with itself: the ledger's conditional claims and the markers'
/// conditional puts decide, never the caller's memory.
/// </summary>
internal sealed class FindingRecorder(EventLedger ledger, FindingApplier applier)
{
    public async Task<FindingWriteResult> RecordAsync(FindingObservation observation, CancellationToken ct)
    {
        var (events, duplicates) = Distinct(observation);
        var stats = new WriteStats();
        var claim = await ledger.ClaimAsync(observation.Key, events, stats, ct);

        // Tokens found on this finding's events come from attempts that may have stopped after claiming:
        // those without a marker were never counted, and this call counts them with their exact size.
        var applied = claim.Found.Count == 0 ? [] : await ledger.AppliedAsync(claim.Found, observation.Key.Id, ct);
        List<ClaimedToken> pending = [.. claim.Claimed, .. claim.Found.Where(t => !applied.Contains(t.Token))];
        var outcome = pending.Count == 0
            ? new ApplyOutcome(0, false, false, false)
            : await applier.ApplyAsync(observation, events, pending, stats, ct);
        return new FindingWriteResult(observation.Key.Id, outcome.IsNew, outcome.Reopened, outcome.Unmuted, outcome.Counted,
            claim.Skipped, duplicates, stats.WriteRequests, stats.FindingWriteRequests);
    }

    /// <summary>The claim step alone: the test seam for a writer that stops between claiming and applying.</summary>
    public Task<ClaimOutcome> ClaimOnlyAsync(FindingObservation observation, CancellationToken ct) =>
        ledger.ClaimAsync(observation.Key, Distinct(observation).Events, new WriteStats(), ct);

    private static (IReadOnlyList<ObservedEvent> Events, int Duplicates) Distinct(FindingObservation observation)
    {
        if (observation.Events.Count == 0)
        {
            throw new ArgumentException($"observation of finding {observation.Key.Id} has no events", nameof(observation));
        }

        // An event ID seen twice in one batch counts once: the eventID is CloudTrail's unique id of the event.
        var events = observation.Events.DistinctBy(e => e.EventId, StringComparer.Ordinal).ToList();
        return (events, observation.Events.Count - events.Count);
    }
}
