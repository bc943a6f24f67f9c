namespace Denied.Store.Tests.Support;

/// <summary>A clock the test moves by hand; timers (backoff delays) still run on real time.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
