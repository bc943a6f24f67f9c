using System.Globalization;
using Denied.TestSupport;
using Detector.Tests.Support;
using Xunit.Abstractions;

namespace Detector.Tests;

/// <summary>
/// A denial storm on one finding (a hot function failing in a loop) becomes a few writes per batch, not one
/// per event, and the count stays exact.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class DetectorStormTests(MotoServer moto, ITestOutputHelper console)
{
    // 500 by default, not 10,000: moto deep-copies every table for each TransactWriteItems (its rollback), so
    // each write gets slower as the ledger grows (2,000 took 8 minutes). The per-batch cost does not depend on
    // the total; DENIED_STORM_DENIALS=10000 runs the full storm.
    private static readonly int Denials =
        int.TryParse(Environment.GetEnvironmentVariable("DENIED_STORM_DENIALS"), CultureInfo.InvariantCulture, out var n) && n >= BatchSize ? n / BatchSize * BatchSize : 500;
    private const int BatchSize = 100;

    [Fact]
    public async Task DenialStormOnOneFindingInBatchesOfAHundredCountsExactlyWithAFewWritesPerBatch()
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        var (handler, output) = stack.Build();
        var template = SampleRecords.ById("f1a38d32-6834-4c65-927c-b2382bedda16");
        var start = new DateTimeOffset(2026, 11, 20, 11, 0, 0, TimeSpan.Zero);

        for (var b = 0; b < Denials / BatchSize; b++)
        {
            var messages = Enumerable.Range(b * BatchSize, BatchSize).Select(i =>
            {
                var record = template.DeepClone().AsObject();
                record["eventID"] = $"storm-{i:D6}";
                record["eventTime"] = start.AddSeconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                return ($"msg-{i:D6}", SampleRecords.Envelope(record));
            });
            var response = await handler.HandleAsync(SqsBatch.Event(messages), SqsBatch.Invocation(stack.Clock), CancellationToken.None);
            Assert.Empty(SqsBatch.Failures(response));
        }

        var finding = Assert.Single(await stack.FindingsAsync());
        Assert.Equal(Denials, finding.Count);
        Assert.Equal(start, finding.FirstSeen);
        Assert.Equal(start.AddSeconds(Denials - 1), finding.LastSeen);

        // Per batch: ceil(100 / 25) claim transactions (spread ledger keys) + 1 apply transaction on the finding.
        // With DynamoDB's 100-item transactions it is 1 + 1 per batch; moto 5.2 allows 25 items.
        var writes = DetectorStack.Metric(output, "StoreWrites");
        console.WriteLine($"{Denials} denials of one finding in batches of {BatchSize}: {writes} DynamoDB write requests "
            + $"({DetectorStack.Metric(output, "FindingsUpdated") + DetectorStack.Metric(output, "FindingsNew")} on the finding item)");
        Assert.Equal((Denials / BatchSize) * ((BatchSize / DetectorStack.MotoOptions.TransactionMaxItems) + 1), writes);
        Assert.Equal(Denials, DetectorStack.Metric(output, "EventsCounted"));
    }
}
