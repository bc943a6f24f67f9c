namespace Denied.LambdaRuntime;

/// <summary>
/// What the Lambda Runtime API says about one invocation: the request id (echoed in the
/// response path), the deadline from <c>Lambda-Runtime-Deadline-Ms</c>, the invoked function ARN
/// and the X-Ray trace id. Built by the bootstrap loop from the headers of <c>/invocation/next</c>.
/// </summary>
public sealed record InvocationContext(string RequestId, DateTimeOffset Deadline, string? InvokedFunctionArn, string? TraceId)
{
    /// <summary>
    /// Time left before Lambda stops the invocation, measured on <paramref name="clock"/>;
    /// <see cref="TimeSpan.Zero"/> once the deadline has passed (never negative).
    /// </summary>
    public TimeSpan RemainingTime(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var left = Deadline - clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
