namespace Denied.AwsClients.Tests;

/// <summary>A clock that reads <see cref="Now"/> (wall time and elapsed-time stamps alike); tests move it by hand.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Now.UtcTicks;
}
