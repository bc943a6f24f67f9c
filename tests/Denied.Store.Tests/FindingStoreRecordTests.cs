using Denied.Findings;
using Denied.Store.Tests.Support;
using Denied.TestSupport;

namespace Denied.Store.Tests;

/// <summary>The write path's counting contract: exact under redelivery and duplicates.</summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class FindingStoreRecordTests(MotoServer moto)
{
    [Fact]
    public async Task NewFindingIsCreatedOpenWithEveryAttribute()
    {
        using var table = await TestTable.CreateAsync(moto);
        var key = Some.Key();

        var result = await table.Store.RecordAsync(Some.Observation(key, "a", "b", "c"));

        Assert.True(result.IsNew);
        Assert.Equal(3, result.EventsCounted);
        Assert.Equal(1, result.FindingWriteRequests);
        var f = Assert.IsType<Finding>(await table.Store.GetAsync(key.Id));
        Assert.Equal(FindingStatus.Open, f.Status);
        Assert.Equal(3, f.Count);
        // FindingKey's record equality also compares its cached Id, so compare the parts.
        Assert.Equal((key.Account, key.Region, key.RoleArn, key.Action, key.Resource, key.Layer),
            (f.Key.Account, f.Key.Region, f.Key.RoleArn, f.Key.Action, f.Key.Resource, f.Key.Layer));
        Assert.Equal(key.Id, f.Key.Id);
        Assert.Equal(Some.T0, f.FirstSeen);
        Assert.Equal(Some.T0.AddSeconds(2), f.LastSeen);
        Assert.Equal(["orders-fn"], f.FunctionNames);
        Assert.Equal(["c", "b", "a"], f.SampleEventIds);
        Assert.Equal("AccessDenied", f.Diagnosis.ErrorCode);
        Assert.Equal(key.Action, f.Diagnosis.Action);
    }

    [Fact]
    public async Task SameBatchRecordedAgainDoesNotCountTwiceAndMakesNoWrite()
    {
        using var table = await TestTable.CreateAsync(moto);
        var observation = Some.Observation(Some.Key(), "a", "b", "c");
        await table.Store.RecordAsync(observation);

        var again = await table.Store.RecordAsync(observation);

        Assert.False(again.IsNew);
        Assert.Equal(0, again.EventsCounted);
        Assert.Equal(3, again.EventsSkipped);
        Assert.Equal(0, again.WriteRequests);
        Assert.Equal(3, (await table.Store.GetAsync(Some.Key().Id))!.Count);
    }

    [Fact]
    public async Task PartlyOverlappingRedeliveryCountsOnlyTheNewEvents()
    {
        using var table = await TestTable.CreateAsync(moto);
        var key = Some.Key();
        await table.Store.RecordAsync(Some.Observation(key, "A", "B", "C"));

        var second = await table.Store.RecordAsync(Some.Observation(key, ["B", "C", "D"], Some.T0.AddMinutes(1)));

        Assert.Equal(1, second.EventsCounted);
        Assert.Equal(2, second.EventsSkipped);
        var f = (await table.Store.GetAsync(key.Id))!;
        Assert.Equal(4, f.Count);
        Assert.Equal(Some.T0.AddMinutes(1).AddSeconds(2), f.LastSeen);
        Assert.Equal(Some.T0, f.FirstSeen);
    }

    [Fact]
    public async Task AnEventIdTwiceInOneObservationCountsOnce()
    {
        using var table = await TestTable.CreateAsync(moto);
        var key = Some.Key();

        var result = await table.Store.RecordAsync(Some.Observation(key, "a", "b", "a", "a"));

        Assert.Equal(2, result.EventsCounted);
        Assert.Equal(2, result.DuplicateEvents);
        Assert.Equal(2, (await table.Store.GetAsync(key.Id))!.Count);
    }

    [Fact]
    public async Task WriterThatStoppedAfterClaimingIsCountedExactlyOnceByTheRedelivery()
    {
        using var table = await TestTable.CreateAsync(moto);
        var key = Some.Key();
        var observation = Some.Observation(key, Some.Ids("crash", 30).ToArray());

        // The first attempt claims all 30 events (two claim transactions under moto's 25 cap) and dies.
        var claim = await table.Store.ClaimOnlyAsync(observation);
        Assert.Equal(30, claim.Claimed.Sum(t => t.Count));
        Assert.Null(await table.Store.GetAsync(key.Id));

        // A redelivery holding part of the first claim's events (and a new one) counts that whole claim once;
        // the batch holding the rest counts the second claim; nothing is counted twice.
        var redelivered = Some.Observation(key, [.. Some.Ids("crash", 10), "fresh"]);
        var result = await table.Store.RecordAsync(redelivered);
        var again = await table.Store.RecordAsync(observation);
        var third = await table.Store.RecordAsync(observation);

        Assert.True(result.IsNew);
        Assert.Equal(25 + 1, result.EventsCounted);
        Assert.Equal(5, again.EventsCounted);
        Assert.Equal(0, again.WriteRequests - again.FindingWriteRequests);
        Assert.Equal(0, third.EventsCounted);
        Assert.Equal(0, third.WriteRequests);
        Assert.Equal(31, (await table.Store.GetAsync(key.Id))!.Count);
    }

    [Fact]
    public async Task OlderEventsCountButKeepTheNewerLastSeenAndMoveFirstSeenBack()
    {
        using var table = await TestTable.CreateAsync(moto);
        var key = Some.Key();
        await table.Store.RecordAsync(Some.Observation(key, ["new"], Some.T0.AddHours(1)));

        await table.Store.RecordAsync(Some.Observation(key, ["old"], Some.T0.AddHours(-1)));

        var f = (await table.Store.GetAsync(key.Id))!;
        Assert.Equal(2, f.Count);
        Assert.Equal(Some.T0.AddHours(-1), f.FirstSeen);
        Assert.Equal(Some.T0.AddHours(1), f.LastSeen);
        Assert.Equal(["new", "old"], f.SampleEventIds);
    }

    [Fact]
    public async Task SamplesKeepTheFiveNewestAndFunctionNamesAccumulate()
    {
        using var table = await TestTable.CreateAsync(moto);
        var key = Some.Key();
        await table.Store.RecordAsync(Some.Observation(key, Some.Ids("a", 4), Some.T0, "fn-one"));

        await table.Store.RecordAsync(Some.Observation(key, Some.Ids("b", 3), Some.T0.AddMinutes(1), "fn-two"));

        var f = (await table.Store.GetAsync(key.Id))!;
        Assert.Equal(["b-000002", "b-000001", "b-000000", "a-000003", "a-000002"], f.SampleEventIds);
        Assert.Equal(["fn-one", "fn-two"], f.FunctionNames);
    }

    [Fact]
    public async Task FindingWithoutFunctionHasNoFunctionNameAttribute()
    {
        using var table = await TestTable.CreateAsync(moto);
        var key = Some.Key();

        await table.Store.RecordAsync(Some.Observation(key, ["x"], null, function: null));

        var item = (await table.Client.GetItemAsync(TestTable.Name, FindingItemMapper.Key(key.Id))).Item;
        Assert.False(item.ContainsKey("functionName"));
        Assert.False(item.ContainsKey("functionNames"));
        Assert.Equal("s3", item["service"].S);
        Assert.False(item.ContainsKey("expiresAt"));
    }
}
