namespace Denied.Findings;

/// <summary>The part of a stored finding the lifecycle decides from: its status, time span, mute expiry and counts.</summary>
public sealed record StoredFindingState(
    FindingStatus Status,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    DateTimeOffset? MutedUntil,
    int ReopenCount,
    long Count);
