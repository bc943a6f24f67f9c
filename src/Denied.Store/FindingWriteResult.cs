namespace Denied.Store;

/// <summary>What one <see cref="FindingStore.RecordAsync"/> call did.</summary>
/// <param name="FindingId">The finding written.</param>
/// <param name="IsNew">This call created the finding (so a "new" notification is due).</param>
/// <param name="Reopened">This call moved a resolved finding back to open (so a "reopened" notification is due).</param>
/// <param name="Unmuted">This call ended a mute whose mutedUntil had passed.</param>
/// <param name="EventsCounted">
/// How much the finding's count grew in this call. Includes events of an earlier attempt that had been
/// claimed but not applied when it crashed, so it can exceed the events in the observation.
/// </param>
/// <param name="EventsSkipped">Distinct events of the observation that an earlier or racing attempt had already claimed.</param>
/// <param name="DuplicateEvents">Event IDs that appeared more than once in the observation (counted once).</param>
/// <param name="WriteRequests">DynamoDB write requests made (TransactWriteItems calls, including conflicts retried).</param>
/// <param name="FindingWriteRequests">Of those, the ones that touched the finding item: the hot key in a denial storm.</param>
public sealed record FindingWriteResult(
    string FindingId,
    bool IsNew,
    bool Reopened,
    bool Unmuted,
    long EventsCounted,
    int EventsSkipped,
    int DuplicateEvents,
    int WriteRequests,
    int FindingWriteRequests);
