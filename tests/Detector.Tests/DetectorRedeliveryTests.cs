using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Denied.Findings;
using Denied.TestSupport;
using Detector.Tests.Support;

namespace Detector.Tests;

/// <summary>
/// Counting survives redelivery: the store's event ledger claims each CloudTrail
/// eventID once, so a batch handled again, twice at once, or holding an eventID twice counts each event once.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class DetectorRedeliveryTests(MotoServer moto)
{
    private static readonly string[] KmsDecrypts =
    [
        "3ceb0831-8744-4e92-ad93-36c0f9c4b930", "f1a38d32-6834-4c65-927c-b2382bedda16",
        "670c1cd3-5555-4e31-84be-37c1dfe6c55b", "396dfa33-6763-4f9c-8484-f9d69de18a44",
    ];

    private static readonly string[] ListObjects =
    [
        "0c28cec1-b947-42af-a4b9-36976b4b76b0", "77dde229-df88-4e4d-ac23-86e5cc86ba64", "ac9130f4-547c-47d3-8e3a-655f20731ab2",
    ];

    [Fact]
    public async Task SameBatchHandledThreeTimesLeavesTheCountsOfOneDelivery()
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        var (handler, output) = await stack.ComposeAsync();
        var batch = SqsBatch.Event(SqsBatch.Messages([.. KmsDecrypts.Select(SampleRecords.ById), .. ListObjects.Select(SampleRecords.ById)]));

        var snapshots = new List<string>();
        for (var delivery = 1; delivery <= 3; delivery++)
        {
            var response = await handler(batch, SqsBatch.Invocation(stack.Clock), CancellationToken.None);
            Assert.Empty(SqsBatch.Failures(response));
            snapshots.Add(Describe(await stack.FindingsAsync()));
        }

        Assert.Equal(snapshots[0], snapshots[1]);
        Assert.Equal(snapshots[0], snapshots[2]);
        Assert.Equal([3L, 4L], (await stack.FindingsAsync()).Select(f => f.Count).Order());
        Assert.Equal(7, DetectorStack.Metric(output, "EventsCounted"));
        Assert.Equal(14, DetectorStack.Metric(output, "EventsAlreadyCounted"));
    }

    [Fact]
    public async Task EventIdDeliveredTwiceInOneBatchCountsOnce()
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        var (handler, _) = await stack.ComposeAsync();
        var record = SampleRecords.ById(KmsDecrypts[0]);

        // EventBridge delivers at least once: the same event in two messages with different ids.
        var batch = SqsBatch.Event([("msg-a", SampleRecords.Envelope(record)), ("msg-b", SampleRecords.Envelope(record)), ("msg-c", SampleRecords.Envelope(record))]);
        var response = await handler(batch, SqsBatch.Invocation(stack.Clock), CancellationToken.None);

        Assert.Empty(SqsBatch.Failures(response));
        var finding = Assert.Single(await stack.FindingsAsync());
        Assert.Equal(1, finding.Count);
        Assert.Equal([KmsDecrypts[0]], finding.SampleEventIds);
    }

    [Fact]
    public async Task EventIdAlreadyCountedInAnEarlierBatchIsNotCountedAgainInALaterOne()
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        var (handler, _) = await stack.ComposeAsync();
        var records = KmsDecrypts.Select(SampleRecords.ById).ToList();

        await handler(SqsBatch.Event(SqsBatch.Messages(records[..2])), SqsBatch.Invocation(stack.Clock), CancellationToken.None);
        await handler(SqsBatch.Event(SqsBatch.Messages(records[1..])), SqsBatch.Invocation(stack.Clock), CancellationToken.None);

        Assert.Equal(4, Assert.Single(await stack.FindingsAsync()).Count);
    }

    [Fact]
    public async Task TwoDetectorInstancesHandlingTheSameBatchAtOnceCountEachEventOnce()
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        // Each DynamoDB request is atomic; moto's TransactWriteItems is not (it applies items one by one without a
        // lock), so requests go to moto one at a time while the two instances' requests still interleave freely.
        using var serialised = new AmazonDynamoDBClient(new BasicAWSCredentials("testing", "testing"), new AmazonDynamoDBConfig
        {
            ServiceURL = moto.EndpointUrl,
            AuthenticationRegion = MotoServer.Region,
            HttpClientFactory = new OneRequestAtATime(),
        });
        var (first, _) = stack.Build(serialised);
        var (second, _) = stack.Build(serialised);
        var batch = SqsBatch.Event(SqsBatch.Messages(KmsDecrypts.Select(SampleRecords.ById)));

        // A visibility timeout that ran out mid-batch: SQS hands the same messages to a second instance.
        var responses = await Task.WhenAll(
            first.HandleAsync(batch, SqsBatch.Invocation(stack.Clock), CancellationToken.None),
            second.HandleAsync(batch, SqsBatch.Invocation(stack.Clock), CancellationToken.None));

        Assert.All(responses, r => Assert.Empty(SqsBatch.Failures(r)));
        Assert.Equal(4, Assert.Single(await stack.FindingsAsync()).Count);
    }

    [Fact]
    public async Task ResolvedFindingSeenAgainReopensAndKeepsCounting()
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        var (handler, output) = await stack.ComposeAsync();
        var records = KmsDecrypts.Select(SampleRecords.ById).ToList();
        await handler(SqsBatch.Event(SqsBatch.Messages(records[..2])), SqsBatch.Invocation(stack.Clock), CancellationToken.None);
        var id = Assert.Single(await stack.FindingsAsync()).Id;
        await stack.Store.ResolveAsync(id);

        await handler(SqsBatch.Event(SqsBatch.Messages(records[2..])), SqsBatch.Invocation(stack.Clock), CancellationToken.None);

        var finding = (await stack.Store.GetAsync(id))!;
        Assert.Equal(FindingStatus.Open, finding.Status);
        Assert.Equal(4, finding.Count);
        Assert.Equal(1, DetectorStack.Metric(output, "FindingsReopened"));
    }

    internal static string Describe(IEnumerable<Finding> findings) => string.Join("\n", findings
        .OrderBy(f => f.Id, StringComparer.Ordinal)
        .Select(f => $"{f.Id} {f.Status} {f.Count} {f.FirstSeen:O} {f.LastSeen:O} [{string.Join(",", f.FunctionNames)}] [{string.Join(",", f.SampleEventIds)}] reopened {f.ReopenCount}"));
}
