namespace Denied.LambdaRuntime.Tests;

/// <summary>A clock that stands still at a chosen instant.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
