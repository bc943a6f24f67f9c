namespace Reliability.Tests.Support;

/// <summary>A clock that stands still: a day after the sample logs, so no result depends on the wall clock.</summary>
public sealed class FixedClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
