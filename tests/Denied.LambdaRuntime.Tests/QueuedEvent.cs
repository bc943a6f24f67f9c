namespace Denied.LambdaRuntime.Tests;

/// <summary>An event the fake Runtime API hands out from <c>/next</c>, with the headers Lambda sends.</summary>
public sealed record QueuedEvent(string Body, string RequestId, long DeadlineMs, string? FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:detector", string? TraceId = null)
{
    /// <summary>Overrides the deadline header verbatim (null: omit it).</summary>
    public string? DeadlineHeader { get; init; } = DeadlineMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
