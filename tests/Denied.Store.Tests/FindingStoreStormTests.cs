using System.Diagnostics;
using Denied.Store.Tests.Support;
using Denied.TestSupport;
using Xunit.Abstractions;

namespace Denied.Store.Tests;

/// <summary>
/// A denial storm on one finding becomes few writes on its key, and concurrent writers stay exact.
/// Timings are printed, never asserted (STYLE.md: benchmarks live in bench/); set DENIED_STORM_EVENTS
/// (and DENIED_STORM_FINDINGS, DENIED_STORM_TRANSACTION_ITEMS) to run the large cases by hand: moto copies
/// the whole table for every item of a transaction, so large counts take minutes there.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class FindingStoreStormTests(MotoServer moto, ITestOutputHelper output)
{
    [Fact]
    public async Task TwoHundredFiftyEventsOfOneFindingCountExactlyWithFewWritesOnItsKey()
    {
        using var table = await TestTable.CreateAsync(moto);
        var key = Some.Key();

        var result = await table.Store.RecordAsync(Some.Observation(key, Some.Ids("storm", 250)));

        // moto caps transactions at 25 items: 10 claim transactions of 25 events, then 10 tokens in one apply.
        Assert.Equal(250, result.EventsCounted);
        Assert.Equal(11, result.WriteRequests);
        Assert.Equal(1, result.FindingWriteRequests);
        Assert.Equal(250, (await table.Store.GetAsync(key.Id))!.Count);
    }

    [Fact]
    public async Task EventsThatFitOneTransactionCostOneClaimAndOneFindingWrite()
    {
        using var table = await TestTable.CreateAsync(moto);

        var result = await table.Store.RecordAsync(Some.Observation(Some.Key(), Some.Ids("e", 25)));

        Assert.Equal(2, result.WriteRequests);
        Assert.Equal(1, result.FindingWriteRequests);
    }

    [Fact]
    public async Task LargeStormOnOneFinding()
    {
        var n = Setting("DENIED_STORM_EVENTS", 100);
        using var table = await TestTable.CreateAsync(moto, StormOptions());
        var key = Some.Key();
        var clock = Stopwatch.StartNew();

        var result = await table.Store.RecordAsync(Some.Observation(key, Some.Ids("storm", n)));

        output.WriteLine($"{n} events, 1 finding: {result.WriteRequests} write requests, {result.FindingWriteRequests} on the finding key, {clock.Elapsed.TotalSeconds:F1} s (moto)");
        Assert.Equal(n, result.EventsCounted);
        Assert.Equal(n, (await table.Store.GetAsync(key.Id))!.Count);
    }

    [Fact]
    public async Task ManyFindingsOneBatch()
    {
        var findings = Setting("DENIED_STORM_FINDINGS", 10);
        using var table = await TestTable.CreateAsync(moto, StormOptions());
        var clock = Stopwatch.StartNew();
        var writes = 0;
        var onFindings = 0;
        for (var i = 0; i < findings; i++)
        {
            var key = Some.Key(resource: $"arn:aws:s3:::bucket-{i}");
            var result = await table.Store.RecordAsync(Some.Observation(key, Some.Ids($"f{i}", 10)));
            writes += result.WriteRequests;
            onFindings += result.FindingWriteRequests;
        }

        output.WriteLine($"{findings * 10} events over {findings} findings: {writes} write requests, {onFindings} on finding keys, {clock.Elapsed.TotalSeconds:F1} s (moto)");
        Assert.Equal(findings * 2, writes);
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var v) ? v : fallback;

    private static FindingStoreOptions StormOptions() =>
        TestTable.MotoOptions with { TransactionMaxItems = Setting("DENIED_STORM_TRANSACTION_ITEMS", TestTable.MotoOptions.TransactionMaxItems) };

    [Fact]
    public async Task ConcurrentWritersWithOverlappingEventsCountEachEventOnce()
    {
        using var table = await TestTable.CreateAsync(moto);
        var key = Some.Key();
        var first = Some.Observation(key, Some.Ids("e", 60));
        var second = Some.Observation(key, Some.Ids("e", 90).Skip(30));
        var other = table.SecondWriter(moto);

        var results = await Task.WhenAll(
            table.Store.RecordAsync(first), other.RecordAsync(second), table.Store.RecordAsync(second), other.RecordAsync(first));

        Assert.Equal(90, results.Sum(r => r.EventsCounted));
        Assert.Equal(90, (await table.Store.GetAsync(key.Id))!.Count);
        Assert.Equal(1, results.Count(r => r.IsNew));
    }
}
