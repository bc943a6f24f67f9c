using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Denied.Detector;
using Denied.Detector.LivePolicies;
using Denied.LambdaRuntime;
using Denied.LambdaRuntime.Observability;
using Denied.Store;

namespace Denied.Benchmarks;

/// <summary>
/// CPU time (not wall time) per denial event of the Detector's batch path, for a busy machine where BenchmarkDotNet's
/// wall-clock means include waiting for a core: process CPU time and this thread's allocated bytes over many batches
/// of 100, against the counting DynamoDB (the store's network time taken out).
///
/// Every row is warmed up before any is measured, then the rows are measured in alternating rounds and each figure
/// is the median round: with 50 warm-up batches per row, as before, the row measured first paid for the JIT's tier-0
/// code and its tier-1 recompiles (the Lambda runs Native AOT code and never pays that), which is what made one
/// finding per batch look twice as expensive as ten. The baseline, measured in the same rounds, is
/// <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/> of the same SQS batch and of each
/// message body in it: reading the input once, the least any handler does. Each finding count is measured twice: with
/// READ_POLICIES off and on (the live evaluation over <see cref="StubPolicyReader"/>, its cache warm after the first batch).
///   detector-cpu [BATCHES=300] [FINDINGS...=1 10]   (BATCHES per round; ROUNDS env, default 5)
/// </summary>
public static class DetectorCpu
{
    public static async Task<int> RunAsync(string[] args)
    {
        var batches = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
        var counts = args.Length > 1 ? args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1, 10];
        var rows = counts.SelectMany(n => new[] { (Findings: n, ReadPolicies: false), (Findings: n, ReadPolicies: true) }).ToArray();
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("ROUNDS"), out var r) ? r : 5;
        var runs = rows.Select(Setup).ToList();
        var baselineBatch = runs[0].Batch;

        // Warm-up: every row and the baseline, long enough for tiered compilation to settle on all of them.
        foreach (var run in runs)
        {
            await MeasureAsync(run, Math.Max(batches, 500));
        }

        Measure(() => ParseOnly(baselineBatch), Math.Max(batches, 500));
        var cpu = runs.Select(_ => new List<double>()).ToList();
        var kb = runs.Select(_ => new List<double>()).ToList();
        var baseline = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < runs.Count; i++)
            {
                var (us, k) = await MeasureAsync(runs[i], batches);
                cpu[i].Add(us);
                kb[i].Add(k);
            }

            baseline.Add(Measure(() => ParseOnly(baselineBatch), batches).CpuUs);
        }

        var floor = Median(baseline);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rounds} rounds of {batches} batches of 100 after warm-up; medians; baseline (JsonDocument.Parse of the batch and of each body) {floor:F1} µs CPU per event"));
        Console.WriteLine("| batch of 100 denials over | ReadPolicies | CPU µs per denial event | x baseline | allocated KB per denial event |");
        Console.WriteLine("|---|---|---|---|---|");
        for (var i = 0; i < runs.Count; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {rows[i].Findings} finding(s) | {(rows[i].ReadPolicies ? "on, cache warm" : "off")} | {Median(cpu[i]):F1} | {Median(cpu[i]) / floor:F1} | {Median(kb[i]):F1} |"));
        }

        foreach (var (run, row) in runs.Zip(rows).Where(x => x.Second.ReadPolicies))
        {
            Console.WriteLine($"{row.Findings} finding(s), ReadPolicies on: {run.Reads!.RoleReads} role and {run.Reads.ResourceReads} resource reads over the whole run (one cache period)");
        }

        return 0;
    }

    private sealed record Run(DetectorHandler Handler, byte[] Batch, InvocationContext Invocation, StubPolicyReader? Reads);

    private static Run Setup((int Findings, bool ReadPolicies) row)
    {
        var clock = TimeProvider.System;
        var (client, _) = CountingDynamoDb.Create();
        var store = new FindingStore(client, "denied-findings", clock);
        var log = new JsonLog(TextWriter.Null, "denied-detector");
        var metrics = new EmfMetrics(TextWriter.Null, "Denied", "denied-detector", clock);
        var reads = row.ReadPolicies ? new StubPolicyReader() : null;
        // The template's settings: a 5-minute cache, 10 lookups per batch (a run is shorter than one cache period).
        var live = reads is null ? null : new LivePolicyDiagnosis(reads, TimeSpan.FromMinutes(5), 10, clock, log, metrics);
        var handler = DetectorComposition.Handler(store, null, null, TimeSpan.FromHours(1), log, metrics, clock, live);
        var batch = SqsEvents.Batch(Enumerable.Range(0, 100).Select(i => Samples.DenialEnvelopeFor(i, i % row.Findings)));
        return new Run(handler, batch, new InvocationContext("cpu", DateTimeOffset.MaxValue, null, null), reads);
    }

    private static async Task<(double CpuUs, double Kb)> MeasureAsync(Run run, int batches)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < batches; i++)
        {
            await run.Handler.HandleAsync(run.Batch, run.Invocation, CancellationToken.None);
        }

        var events = batches * 100.0;
        return ((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / events,
            (GC.GetTotalAllocatedBytes(precise: true) - bytes) / events / 1024);
    }

    private static (double CpuUs, double Kb) Measure(Action batch, int batches)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < batches; i++)
        {
            batch();
        }

        return ((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / (batches * 100.0), 0);
    }

    private static void ParseOnly(byte[] batch)
    {
        using var doc = JsonDocument.Parse(batch);
        foreach (var record in doc.RootElement.GetProperty("Records").EnumerateArray())
        {
            using var body = JsonDocument.Parse(record.GetProperty("body").GetString()!);
        }
    }

    private static double Median(List<double> xs)
    {
        var s = xs.Order().ToList();
        return s[s.Count / 2];
    }
}
