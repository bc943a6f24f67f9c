namespace Denied.AwsClients;

/// <summary>
/// One CloudTrail LookupEvents attribute: <c>Username</c>, <c>EventSource</c>, <c>ReadOnly</c>, <c>EventName</c>,
/// <c>EventId</c>, <c>ResourceType</c>, <c>ResourceName</c> or <c>AccessKeyId</c> (CloudTrail API Reference,
/// LookupAttribute). The API takes at most one per request.
/// </summary>
public sealed record LookupAttribute(string Key, string Value);
