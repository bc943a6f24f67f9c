namespace Cli.Tests.Support;

/// <summary>A clock that always says the same time, so "in the past" does not depend on when the test runs.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
