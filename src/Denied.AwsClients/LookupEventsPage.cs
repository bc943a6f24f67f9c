namespace Denied.AwsClients;

/// <summary>
/// One LookupEvents reply: each event's <c>CloudTrailEvent</c> (the full record as a JSON string, as a trail would
/// write it; null when the reply left it out), its 1-based page number, and whether another page follows.
/// </summary>
public sealed record LookupEventsPage(int Number, IReadOnlyList<string?> CloudTrailEvents, bool HasMore);
