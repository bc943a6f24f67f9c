namespace Denied.Notifier;

/// <summary>The log keys only the Notifier writes (shared ones are in LogKeys).</summary>
public static class NotifierLogKeys
{
    public const string SequenceNumber = "sequenceNumber";
    public const string Transition = "transition";
    public const string SnsMessageId = "snsMessageId";
    public const string EventName = "eventName";
    public const string Truncated = "truncated";
    public const string Reason = "reason";
}
