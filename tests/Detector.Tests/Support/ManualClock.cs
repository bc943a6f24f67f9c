namespace Detector.Tests.Support;

/// <summary>A clock the test sets by hand; timers (SDK and store backoff) still run on real time.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
