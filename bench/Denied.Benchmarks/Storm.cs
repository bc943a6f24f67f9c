using System.Text.Json.Nodes;
using Denied.Detector;
using Denied.Detector.LivePolicies;
using Denied.LambdaRuntime;
using Denied.LambdaRuntime.Observability;
using Denied.Store;

namespace Denied.Benchmarks;

/// <summary>
/// Cost under a denial storm: 10,000 denials through the real DetectorHandler and FindingStore in SQS batches of
/// 100 (the template's DetectorBatchSize), against the counting DynamoDB (100-item transactions, as DynamoDB allows).
/// SNS publishes are what NotificationDecider (the Notifier's rule) decides for the finding-item images written,
/// with the default COUNT_THRESHOLDS 100,1000,10000. Each scenario runs with READ_POLICIES off and on (the template's
/// 5-minute cache and 10 lookups per batch, over <see cref="StubPolicyReader"/>): the policy reads are role and
/// resource lookups the cache did not hold, within one cache period (a run takes seconds).
/// </summary>
public static class Storm
{
    public static async Task<int> RunAsync()
    {
        Console.WriteLine("| scenario | ReadPolicies | batches | findings | DynamoDB TransactWriteItems | of them on a finding item | max finding-item writes per finding per batch | reads (BatchGet+GetItem+Query) | SNS publishes (new + thresholds) | policy lookups (role + resource) | findings left unevaluated by the bound (batch-findings) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var readPolicies in new[] { false, true })
        {
            await ScenarioAsync("10,000 denials, 1 finding", 10_000, 1, readPolicies);
            await ScenarioAsync("10,000 denials, 1,000 findings", 10_000, 1_000, readPolicies);
        }
        return 0;
    }

    private static async Task ScenarioAsync(string name, int denials, int findings, bool readPolicies)
    {
        const int batchSize = 100;
        var clock = TimeProvider.System;
        var (client, counter) = CountingDynamoDb.Create([100, 1000, 10000], keepFindings: true);
        var store = new FindingStore(client, "denied-findings", clock);
        var output = new StringWriter();
        var log = new JsonLog(TextWriter.Null, "denied-detector");
        var metrics = new EmfMetrics(output, "Denied", "denied-detector", clock);
        var reads = readPolicies ? new StubPolicyReader() : null;
        var live = reads is null ? null : new LivePolicyDiagnosis(reads, TimeSpan.FromMinutes(5), 10, clock, log, metrics);
        var handler = DetectorComposition.Handler(store, null, null, TimeSpan.FromHours(1), log, metrics, clock, live);
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
        var policyReads = reads is null ? "0" : $"{reads.RoleReads + reads.ResourceReads:N0} ({reads.RoleReads:N0} + {reads.ResourceReads:N0})";
        Console.WriteLine($"| {name} | {(readPolicies ? "on" : "off")} | {denials / batchSize} | {findings:N0} | {Get("TransactWriteItemsAsync"):N0} | {counter.FindingItemWrites:N0} | {maxPerBatch} | "
            + $"{Get("BatchGetItemAsync") + Get("GetItemAsync") + Get("QueryAsync"):N0} | {counter.NotificationsDue:N0} | {policyReads} | {Sum(output, "PolicyLookupsOverBound"):N0} |");
    }

    /// <summary>The sum of one EMF metric over the lines written.</summary>
    private static long Sum(StringWriter output, string metric) =>
        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .Where(line => line.ContainsKey(metric))
            .Sum(line => (long)line[metric]!);
}
