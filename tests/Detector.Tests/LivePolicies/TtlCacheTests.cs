using Denied.Detector.LivePolicies;
using Detector.Tests.Support;

namespace Detector.Tests.LivePolicies;

/// <summary>An entry is reused for the cache period and no longer; a full cache drops expired entries, then the oldest.</summary>
public sealed class TtlCacheTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AnEntryIsReusedUntilTheCachePeriodEnds()
    {
        var cache = new TtlCache<string>(TimeSpan.FromMinutes(5), 10, _clock);
        cache.Set("role", "read");

        _clock.Now += TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1);
        Assert.True(cache.TryGet("role", out var value));
        Assert.Equal("read", value);
        _clock.Now += TimeSpan.FromTicks(1);
        Assert.False(cache.TryGet("role", out _));
    }

    [Fact]
    public void AFullCacheDropsTheOldestEntry()
    {
        var cache = new TtlCache<int>(TimeSpan.FromMinutes(5), 2, _clock);
        cache.Set("a", 1);
        _clock.Now += TimeSpan.FromSeconds(1);
        cache.Set("b", 2);
        _clock.Now += TimeSpan.FromSeconds(1);

        cache.Set("c", 3);

        Assert.Equal(2, cache.Count);
        Assert.False(cache.TryGet("a", out _));
        Assert.True(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out _));
    }
}
