namespace Denied.AwsClients;

/// <summary>What one LookupEvents walk asks for: a time window (either end open) and at most one attribute.</summary>
public sealed record LookupEventsQuery(DateTimeOffset? StartTime, DateTimeOffset? EndTime, LookupAttribute? Attribute);
