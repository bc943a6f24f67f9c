namespace Denied.AwsClients.Tests;

/// <summary>A clock that reads <see cref="Now"/>; tests move it by hand.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
