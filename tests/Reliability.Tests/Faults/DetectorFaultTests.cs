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
        using var proxy = new FaultProxy(moto.EndpointUrl, 0.30, seed: 7);
        using var dynamo = DetectorRig.Dynamo(proxy.Url, maxErrorRetry: 1);
        var retried = await Replay.DeliverAsync(rig, dynamo, Replay.SampleBatches());

        proxy.Rate = 0;
        Assert.Equal(expected, await Replay.SnapshotAsync(rig, dynamo));
        Assert.True(proxy.Injected > 0 && retried > 0, "no fault reached the handler: the test proves nothing");
        output.WriteLine($"detector: {proxy.Requests} requests, {proxy.Injected} faults injected ({proxy.Breakdown()}), {retried} redeliveries, table identical");
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
