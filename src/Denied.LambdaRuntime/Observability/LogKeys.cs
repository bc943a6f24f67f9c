namespace Denied.LambdaRuntime.Observability;

/// <summary>Every structured log key the functions write, in one place, so queries in CloudWatch Logs Insights stay stable.</summary>
public static class LogKeys
{
    public const string Level = "level";
    public const string Message = "message";
    public const string Function = "function";
    public const string RequestId = "requestId";
    public const string MessageId = "messageId";
    public const string EventId = "eventId";
    public const string FindingId = "findingId";
    public const string Reason = "reason";
    public const string Error = "error";
    public const string Count = "count";
    public const string ReceiveCount = "receiveCount";
}
