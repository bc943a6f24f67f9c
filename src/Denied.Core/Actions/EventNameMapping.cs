namespace Denied.Actions;

/// <summary>One row of the CloudTrail event name -> IAM action table.</summary>
/// <param name="Prefix">IAM service prefix the eventSource maps to, e.g. "s3".</param>
/// <param name="EventName">CloudTrail eventName, after any API-version suffix is stripped.</param>
/// <param name="ActionName">The IAM action name (without prefix) that AWS authorises the call as.</param>
/// <param name="Note">The other actions the call needs, told to the user when the message does not say which was denied.</param>
internal sealed record EventNameMapping(string Prefix, string EventName, string ActionName, string? Note = null);
