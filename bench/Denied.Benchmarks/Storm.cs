using Denied.Detector;
using Denied.LambdaRuntime;
using Denied.LambdaRuntime.Observability;
using Denied.Store;

namespace Denied.Benchmarks;

/// <summary>
/// Cost under a denial storm: 10,000 denials through the real DetectorHandler and FindingStore in SQS batches of
/// 100 (the template's DetectorBatchSize), against the counting DynamoDB (100-item transactions, as DynamoDB allows).
/// SNS publishes are what NotificationDecider (the Notifier's rule) decides for the finding-item images written,
/// with the default COUNT_THRESHOLDS 100,1000,10000.
/// </summary>
public static class Storm
{
    public static async Task<int> RunAsync()
    {
        Console.WriteLine("| scenario | batches | findings | DynamoDB TransactWriteItems | of them on a finding item | max finding-item writes per finding per batch | reads (BatchGet+GetItem+Query) | SNS publishes (new + thresholds) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        await ScenarioAsync("10,000 denials, 1 finding", 10_000, 1);
        await ScenarioAsync("10,000 denials, 1,000 findings", 10_000, 1_000);
        return 0;
    }

    private static async Task ScenarioAsync(string name, int denials, int findings)
    {
        const int batchSize = 100;
        var clock = TimeProvider.System;
        var (client, counter) = CountingDynamoDb.Create([100, 1000, 10000]);
        var store = new FindingStore(client, "denied-findings", clock);
        var output = new StringWriter();
        var handler = DetectorComposition.Handler(store, null, null, TimeSpan.FromHours(1),
            new JsonLog(TextWriter.Null, "denied-detector"), new EmfMetrics(output, "Denied", "denied-detector", clock), clock);
        var invocation = new InvocationContext("storm", DateTimeOffset.MaxValue, null, null);
        var maxPerBatch = 0;

        // Deterministic spread: event i belongs to finding (i * 7919) % findings, so each batch mixes findings as a real storm would.
        for (var b = 0; b < denials / batchSize; b++)
        {
            var before = counter.FindingItemWrites;
            var bodies = Enumerable.Range(b * batchSize, batchSize).Select(i => Samples.DenialEnvelopeFor(i, findings == 1 ? 0 : 1 + (int)((long)i * 7919 % findings)));
            var distinct = Enumerable.Range(b * batchSize, batchSize).Select(i => findings == 1 ? 0 : (long)i * 7919 % findings).Distinct().Count();
            await handler.HandleAsync(SqsEvents.Batch(bodies), invocation, CancellationToken.None);
            var perFinding = (counter.FindingItemWrites - before + distinct - 1) / distinct;
            maxPerBatch = Math.Max(maxPerBatch, perFinding);
        }

        var calls = counter.Calls;
        int Get(string n) => calls.GetValueOrDefault(n);
        Console.WriteLine($"| {name} | {denials / batchSize} | {findings:N0} | {Get("TransactWriteItemsAsync"):N0} | {counter.FindingItemWrites:N0} | {maxPerBatch} | "
            + $"{Get("BatchGetItemAsync") + Get("GetItemAsync") + Get("QueryAsync"):N0} | {counter.NotificationsDue:N0} |");
    }
}
