namespace Denied.AwsClients.Tests;

public sealed class CachedLambdaInventoryTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task WithinTheTtl_TheInnerInventoryIsAskedOnce_AfterItAgain()
    {
        var inner = new CountingInventory();
        var clock = new FixedClock(Start);
        using var cache = new CachedLambdaInventory(inner, TimeSpan.FromMinutes(5), clock);

        var first = await cache.ListFunctionsAsync(CancellationToken.None);
        clock.Now = Start.AddMinutes(4).AddSeconds(59);
        var second = await cache.ListFunctionsAsync(CancellationToken.None);
        clock.Now = Start.AddMinutes(5);
        var third = await cache.ListFunctionsAsync(CancellationToken.None);

        Assert.Same(first, second);
        Assert.NotSame(first, third);
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task AFailure_IsNotCached()
    {
        var inner = new CountingInventory { FailNext = true };
        using var cache = new CachedLambdaInventory(inner, TimeSpan.FromMinutes(5), new FixedClock(Start));

        await Assert.ThrowsAsync<AwsServiceException>(() => cache.ListFunctionsAsync(CancellationToken.None));
        var list = await cache.ListFunctionsAsync(CancellationToken.None);

        Assert.Single(list);
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task ConcurrentCallers_ShareOneFetch()
    {
        var inner = new CountingInventory { Gate = new TaskCompletionSource() };
        using var cache = new CachedLambdaInventory(inner, TimeSpan.FromMinutes(5), new FixedClock(Start));

        var calls = Enumerable.Range(0, 8).Select(_ => cache.ListFunctionsAsync(CancellationToken.None)).ToArray();
        inner.Gate.SetResult();
        var lists = await Task.WhenAll(calls);

        Assert.Equal(1, inner.Calls);
        Assert.All(lists, l => Assert.Same(lists[0], l));
    }

    [Fact]
    public async Task Refresh_FetchesAgainOnlyWhenTheListIsOlderThanTheFloor()
    {
        var inner = new CountingInventory();
        var clock = new FixedClock(Start);
        using var cache = new CachedLambdaInventory(inner, TimeSpan.FromMinutes(5), clock);

        var first = await cache.ListFunctionsAsync(CancellationToken.None);
        clock.Now = Start.AddSeconds(59);
        var withinFloor = await cache.RefreshAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
        clock.Now = Start.AddSeconds(60);
        var pastFloor = await cache.RefreshAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
        clock.Now = Start.AddMinutes(5).AddSeconds(59);
        var cachedFromTheRefresh = await cache.ListFunctionsAsync(CancellationToken.None);

        Assert.Same(first, withinFloor);
        Assert.NotSame(first, pastFloor);
        Assert.Same(pastFloor, cachedFromTheRefresh);
        Assert.Equal(2, inner.Calls);
    }
}
