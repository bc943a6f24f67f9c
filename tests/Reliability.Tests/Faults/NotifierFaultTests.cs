using System.Text.Json.Nodes;
using Denied.Notifier;
using Denied.TestSupport;
using Reliability.Tests.Support;
using Xunit.Abstractions;

namespace Reliability.Tests.Faults;

/// <summary>
/// Faults on the Notifier's side (issue part 2). The stream batch holds a "new", a "threshold#100" and a
/// "reopened#1" record for every sample finding. Client retries are cut (DynamoDB MaxErrorRetry 0, SnsClient
/// MaxRetries 0), so most faults reach the handler and the stream mapping's retry from the failed sequence number
/// does the recovering: the claim → publish → mark protocol meets markers left "claimed" and "sent" by earlier
/// invocations. Each test runs over several fixed seeds and fails when a fault kind, the stream retry or a
/// marker path was not exercised, so it cannot pass vacuously.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class NotifierFaultTests(MotoServer moto, ITestOutputHelper output)
{
    private const double Rate = 0.30;
    private const int ClientRetries = 0;

    private static readonly int[] FaultSeeds = [1, 2, 3];

    /// <summary>Faults where the request never ran (or ran late): the caller knows it failed.</summary>
    private static readonly FaultKind[] Refused =
        [FaultKind.ProvisionedThroughputExceeded, FaultKind.Throttling, FaultKind.ServerError, FaultKind.ResetBeforeForward, FaultKind.Slow];

    private static readonly FaultKind[] Every = [.. Refused, FaultKind.ResetAfterForward];

    private static IReadOnlyList<JsonObject> Records => SampleFindings.StreamRecords();

    /// <summary>
    /// Every kind of fault on the DynamoDB marker calls, the after-apply one included (a claim PutItem or a
    /// mark-sent UpdateItem that DynamoDB applied but whose answer was lost), and every kind but that one on
    /// Publish: each notification reaches the subscriber exactly once, the set of the fault-free run.
    /// </summary>
    [Fact]
    public async Task FaultsOnEveryCallButLostPublishAnswersWithStreamRetryDeliverEachNotificationExactlyOnce()
    {
        var clean = await CleanRunAsync();
        long republished = 0, skipped = 0, markedOnly = 0, lostClaims = 0, lostMarks = 0;
        foreach (var seed in FaultSeeds)
        {
            var rig = await NotifierRig.CreateAsync(moto);
            using var proxy = new FaultProxy(moto.EndpointUrl, Rate, seed, Every) { KindsFor = op => op == "Publish" ? Refused : Every };
            var (invocations, log) = await rig.RunAsync(proxy.Url, Records, ClientRetries);
            proxy.Rate = 0;

            Assert.Equal(clean, await rig.ReceivedAsync());
            AssertExercised(proxy, Every, invocations, seed);
            Assert.Equal(0, proxy.InjectedOf(FaultKind.ResetAfterForward, "Publish"));
            republished += DetectorRig.Metric(log, Metric.RepublishedAfterCrash);
            skipped += DetectorRig.Metric(log, Metric.DuplicatesSkipped);
            markedOnly += DetectorRig.Metric(log, Metric.MarkedAfterEarlierPublish);
            lostClaims += proxy.InjectedOf(FaultKind.ResetAfterForward, "PutItem");
            lostMarks += proxy.InjectedOf(FaultKind.ResetAfterForward, "UpdateItem");
            output.WriteLine($"seed {seed}: {proxy.Requests} requests, {proxy.Injected} faults injected ({proxy.Breakdown()}), {invocations} invocations, "
                + $"RepublishedAfterCrash {DetectorRig.Metric(log, Metric.RepublishedAfterCrash)}, DuplicatesSkipped {DetectorRig.Metric(log, Metric.DuplicatesSkipped)}, "
                + $"MarkedAfterEarlierPublish {DetectorRig.Metric(log, Metric.MarkedAfterEarlierPublish)}; {clean.Count} notifications, each received once");
        }

        // The marker paths: a claim left "claimed" (published again, or only marked when this process had
        // published it), a marker already "sent" (skipped), and answers lost after DynamoDB applied the write.
        Assert.True(republished > 0, "no retry met a claim left before Publish (ClaimedEarlier, published again)");
        Assert.True(markedOnly > 0, "no retry met a claim whose Publish had succeeded and whose mark had failed");
        Assert.True(skipped > 0, "no retry met a marker already sent (AlreadySent)");
        Assert.True(lostClaims > 0 && lostMarks > 0, $"after-apply faults: claim PutItem {lostClaims}, mark UpdateItem {lostMarks}");
    }

    /// <summary>
    /// Every kind of fault on every call, lost Publish answers included. SNS standard topics have no idempotency
    /// key, so a Publish SNS accepted but whose answer was lost is sent again (by SnsClient's retry or the stream
    /// retry). Exact bound: no notification is lost, and each one reaches the subscriber 1 + (the number of its
    /// Publish answers lost) times; nothing else adds a copy.
    /// </summary>
    [Fact]
    public async Task LostPublishAnswersAddOneCopyEachAndNothingIsLost()
    {
        var clean = await CleanRunAsync();
        var extraCopies = 0;
        foreach (var seed in FaultSeeds)
        {
            var rig = await NotifierRig.CreateAsync(moto);
            using var proxy = new FaultProxy(moto.EndpointUrl, Rate, seed, Every);
            var (invocations, _) = await rig.RunAsync(proxy.Url, Records, ClientRetries);
            proxy.Rate = 0;

            var received = await rig.ReceivedAsync();
            var lost = proxy.AnswersLost.Where(a => a.Operation == "Publish").Select(a => NotifierRig.NotificationOf(a.Body)).ToList();
            Assert.True(lost.Count > 0, $"seed {seed}: no Publish answer was lost: the test proves nothing");
            Assert.Equal(clean, received.Distinct().ToList());
            foreach (var notification in clean)
            {
                Assert.True(received.Count(r => r == notification) == 1 + lost.Count(l => l == notification),
                    $"seed {seed}: {notification} received {received.Count(r => r == notification)} times, {lost.Count(l => l == notification)} Publish answers lost");
            }

            AssertExercised(proxy, Every, invocations, seed);
            extraCopies += received.Count - clean.Count;
            output.WriteLine($"seed {seed}: {proxy.Requests} requests, {proxy.Injected} faults injected ({proxy.Breakdown()}), {invocations} invocations; "
                + $"{clean.Count} notifications, {received.Count} received: {received.Count - clean.Count} extra copies for {lost.Count} lost Publish answers "
                + $"(at most {received.GroupBy(r => r).Max(g => g.Count())} copies of one notification)");
        }

        Assert.True(extraCopies > 0, "no lost Publish answer reached the subscriber as a copy");
    }

    private async Task<List<string>> CleanRunAsync()
    {
        var rig = await NotifierRig.CreateAsync(moto);
        var (invocations, _) = await rig.RunAsync(moto.EndpointUrl, Records, ClientRetries);
        var clean = await rig.ReceivedAsync();
        Assert.Equal(1, invocations);
        Assert.Equal(Records.Count, clean.Count);
        Assert.Equal(clean.Count, clean.Distinct().Count());
        return clean;
    }

    private static void AssertExercised(FaultProxy proxy, IEnumerable<FaultKind> kinds, int invocations, int seed)
    {
        Assert.All(kinds, kind => Assert.True(proxy.InjectedOf(kind) > 0, $"seed {seed}: no {kind} fault was injected"));
        Assert.True(invocations > 1, $"seed {seed}: one invocation did everything: the stream retry was not exercised");
    }
}
