using Denied.Findings;
using Denied.TestSupport;
using Reliability.Tests.Support;
using Xunit.Abstractions;

namespace Reliability.Tests.Faults;

/// <summary>
/// Faults on the Detector's write path (issue part 2) and redelivery and ordering (part 3): whatever DynamoDB
/// answers, and however often and in whatever order SQS delivers, the findings table ends as in one clean run.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class DetectorFaultTests(MotoServer moto, ITestOutputHelper output)
{
    [Fact]
    public async Task ThirtyPercentInjectedDynamoDbFaultsWithSqsRedeliveryLeaveTheTableOfTheFaultFreeRun()
    {
        var expected = await CleanRunAsync();

        var rig = await DetectorRig.CreateAsync(moto);
        using var proxy = new FaultProxy(moto.EndpointUrl, 0.30, seed: 3);
        using var dynamo = DetectorRig.Dynamo(proxy.Url, maxErrorRetry: 1);
        var retried = await Replay.DeliverAsync(rig, dynamo, Replay.SampleBatches());

        proxy.Rate = 0;
        Assert.Equal(expected, await Replay.SnapshotAsync(rig, dynamo));
        Assert.True(proxy.Injected > 0 && retried > 0, "no fault reached the handler: the test proves nothing");
        AssertEveryKindAndALostWriteAnswer(proxy);
        output.WriteLine($"detector: {proxy.Requests} requests, {proxy.Injected} faults injected ({proxy.Breakdown()}), {retried} redeliveries, table identical");
    }

    [Fact]
    public async Task FaultsWhileFindingsReopenAndUnmuteLeaveTheTableOfTheFaultFreeRun()
    {
        var (expected, _) = await TriagedRunAsync(proxy: null);
        Assert.Contains("reopenCount=1", expected, StringComparison.Ordinal);
        Assert.Contains("status=muted", expected, StringComparison.Ordinal);

        using var proxy = new FaultProxy(moto.EndpointUrl, 0.30, seed: 5);
        var (actual, retried) = await TriagedRunAsync(proxy);

        Assert.Equal(expected, actual);
        Assert.True(proxy.Injected > 0 && retried > 0, "no fault reached the handler: the test proves nothing");
        AssertEveryKindAndALostWriteAnswer(proxy);
        output.WriteLine($"detector with triage: {proxy.Requests} requests, {proxy.Injected} faults injected ({proxy.Breakdown()}), {retried} redeliveries, table identical");
    }

    [Fact]
    public async Task EveryBatchDeliveredThreeTimesGivesTheTableOfOneDelivery()
    {
        var expected = await CleanRunAsync();

        var rig = await DetectorRig.CreateAsync(moto);
        using var dynamo = DetectorRig.Dynamo(moto.EndpointUrl);
        var batches = Replay.SampleBatches();
        await Replay.DeliverAsync(rig, dynamo, batches.Concat(batches).Concat(batches));

        Assert.Equal(expected, await Replay.SnapshotAsync(rig, dynamo));
    }

    [Fact]
    public async Task BatchesDeliveredInReverseAndShuffledOrderGiveTheSameTable()
    {
        var expected = await CleanRunAsync();
        var messages = Replay.SampleBatches().SelectMany(b => b).ToList();
        var random = new Random(11);

        foreach (var order in new[] { Enumerable.Reverse(messages).ToList(), messages.OrderBy(_ => random.Next()).ToList() })
        {
            var rig = await DetectorRig.CreateAsync(moto);
            using var dynamo = DetectorRig.Dynamo(moto.EndpointUrl);
            await Replay.DeliverAsync(rig, dynamo, order.Chunk(7).Select(c => (IReadOnlyList<(string, string)>)c));
            Assert.Equal(expected, await Replay.SnapshotAsync(rig, dynamo));
        }
    }

    /// <summary>
    /// The first batch clean; then every finding is resolved but two, one muted for good and one muted until a time
    /// that passes; then the rest (and the first batch again) through <paramref name="proxy"/>, so reopening, a mute
    /// that holds and a mute that expired all meet faults. Returns the table and the redeliveries.
    /// </summary>
    private async Task<(string Snapshot, int Retried)> TriagedRunAsync(FaultProxy? proxy)
    {
        var rig = await DetectorRig.CreateAsync(moto);
        using var clean = DetectorRig.Dynamo(moto.EndpointUrl);
        var batches = Replay.SampleBatches();
        await Replay.DeliverAsync(rig, clean, batches.Take(1));

        var store = rig.Store(clean);
        var first = (await store.QueryAsync(new FindingQuery { Limit = 1000 })).Items.OrderBy(f => f.Id, StringComparer.Ordinal).ToList();
        Assert.True(first.Count >= 3, "the first batch must make at least three findings");
        await store.MuteAsync(first[0].Id, "known: probe");
        await store.MuteAsync(first[1].Id, "until the fix ships", rig.Clock.Now.AddMinutes(30));
        foreach (var finding in first.Skip(2))
        {
            await store.ResolveAsync(finding.Id);
        }

        rig.Clock.Now = rig.Clock.Now.AddHours(1);
        using var dynamo = DetectorRig.Dynamo(proxy?.Url ?? moto.EndpointUrl, maxErrorRetry: 1);
        var retried = await Replay.DeliverAsync(rig, dynamo, batches.Skip(1).Concat(batches.Take(1)));
        if (proxy is not null)
        {
            proxy.Rate = 0;
        }

        return (await Replay.SnapshotAsync(rig, clean), retried);
    }

    /// <summary>The seed must reach every fault kind, and lose the answer of a transaction DynamoDB applied.</summary>
    private static void AssertEveryKindAndALostWriteAnswer(FaultProxy proxy)
    {
        Assert.All(Enum.GetValues<FaultKind>(), kind => Assert.True(proxy.InjectedOf(kind) > 0, $"no {kind} fault was injected: {proxy.Breakdown()}"));
        Assert.True(proxy.InjectedOf(FaultKind.ResetAfterForward, "TransactWriteItems") > 0, "no applied transaction lost its answer: " + proxy.Breakdown());
    }

    private async Task<string> CleanRunAsync()
    {
        var rig = await DetectorRig.CreateAsync(moto);
        using var dynamo = DetectorRig.Dynamo(moto.EndpointUrl);
        await Replay.DeliverAsync(rig, dynamo, Replay.SampleBatches());
        var snapshot = await Replay.SnapshotAsync(rig, dynamo);
        Assert.NotEmpty(snapshot);
        return snapshot;
    }
}
