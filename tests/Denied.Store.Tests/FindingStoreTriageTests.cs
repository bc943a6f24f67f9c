using Denied.Findings;
using Denied.Store.Tests.Support;
using Denied.TestSupport;

namespace Denied.Store.Tests;

/// <summary>Resolve, reopen, mute and unmute.</summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class FindingStoreTriageTests(MotoServer moto)
{
    [Fact]
    public async Task ResolvedFindingExpiresAfterRetentionAndReopensWhenSeenAgain()
    {
        using var table = await TestTable.CreateAsync(moto);
        var key = Some.Key();
        await table.Store.RecordAsync(Some.Observation(key, "a"));

        var resolved = await table.Store.ResolveAsync(key.Id);
        var item = (await table.Client.GetItemAsync(TestTable.Name, FindingItemMapper.Key(key.Id))).Item;
        var seen = await table.Store.RecordAsync(Some.Observation(key, ["b"], Some.T0.AddDays(1)));

        Assert.Equal(FindingStatus.Resolved, resolved!.Status);
        Assert.Equal(table.Clock.Now, resolved.ResolvedAt);
        Assert.Equal((table.Clock.Now + TimeSpan.FromDays(90)).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), item["expiresAt"].N);
        Assert.True(seen.Reopened);
        Assert.False(seen.IsNew);
        var f = (await table.Store.GetAsync(key.Id))!;
        Assert.Equal(FindingStatus.Open, f.Status);
        Assert.Equal(1, f.ReopenCount);
        Assert.Equal(2, f.Count);
        Assert.Null(f.ResolvedAt);
        var after = (await table.Client.GetItemAsync(TestTable.Name, FindingItemMapper.Key(key.Id))).Item;
        Assert.False(after.ContainsKey("expiresAt"));
    }

    [Fact]
    public async Task MutedFindingKeepsCountingAndStaysMuted()
    {
        using var table = await TestTable.CreateAsync(moto);
        var key = Some.Key();
        await table.Store.RecordAsync(Some.Observation(key, "a"));
        await table.Store.MuteAsync(key.Id, "known probe", null);

        var result = await table.Store.RecordAsync(Some.Observation(key, ["b", "c"], Some.T0.AddHours(1)));

        Assert.False(result.Reopened);
        Assert.False(result.Unmuted);
        var f = (await table.Store.GetAsync(key.Id))!;
        Assert.Equal(FindingStatus.Muted, f.Status);
        Assert.Equal("known probe", f.MuteReason);
        Assert.Equal(3, f.Count);
    }

    [Fact]
    public async Task MuteWhoseExpiryPassedEndsAtTheNextSighting()
    {
        using var table = await TestTable.CreateAsync(moto);
        var key = Some.Key();
        await table.Store.RecordAsync(Some.Observation(key, "a"));
        await table.Store.MuteAsync(key.Id, "deploy window", table.Clock.Now.AddHours(1));

        table.Clock.Now = table.Clock.Now.AddHours(2);
        var result = await table.Store.RecordAsync(Some.Observation(key, ["b"], Some.T0.AddHours(2)));

        Assert.True(result.Unmuted);
        var f = (await table.Store.GetAsync(key.Id))!;
        Assert.Equal(FindingStatus.Open, f.Status);
        Assert.Null(f.MuteReason);
        Assert.Null(f.MutedUntil);
        Assert.Equal(0, f.ReopenCount);
    }

    [Fact]
    public async Task UnmuteOpensAMutedFindingAndLeavesOthersAlone()
    {
        using var table = await TestTable.CreateAsync(moto);
        var key = Some.Key();
        await table.Store.RecordAsync(Some.Observation(key, "a"));
        var muted = await table.Store.MuteAsync(key.Id, "noise", Some.T0.AddDays(3));

        var unmuted = await table.Store.UnmuteAsync(key.Id);
        var again = await table.Store.UnmuteAsync(key.Id);

        Assert.Equal(Some.T0.AddDays(3), muted!.MutedUntil);
        Assert.Equal(FindingStatus.Open, unmuted!.Status);
        Assert.Null(unmuted.MuteReason);
        Assert.Equal(FindingStatus.Open, again!.Status);
    }

    [Fact]
    public async Task TriageOfAnUnknownFindingReturnsNullAndCreatesNothing()
    {
        using var table = await TestTable.CreateAsync(moto);

        Assert.Null(await table.Store.ResolveAsync("0000"));
        Assert.Null(await table.Store.MuteAsync("0000", "x"));
        Assert.Null(await table.Store.UnmuteAsync("0000"));
        Assert.Null(await table.Store.GetAsync("0000"));
    }
}
