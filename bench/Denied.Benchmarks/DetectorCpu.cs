using System.Diagnostics;
using Denied.Detector;
using Denied.LambdaRuntime;
using Denied.LambdaRuntime.Observability;
using Denied.Store;

namespace Denied.Benchmarks;

/// <summary>
/// CPU time (not wall time) per denial event of the Detector's batch path, for a busy machine where BenchmarkDotNet's
/// wall-clock means include waiting for a core: process CPU time and this thread's allocated bytes over many batches
/// of 100 after a warm-up, against the counting DynamoDB (the store's network time taken out).
///   detector-cpu [BATCHES=300]
/// </summary>
public static class DetectorCpu
{
    public static async Task<int> RunAsync(string[] args)
    {
        var batches = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 300;
        Console.WriteLine("| batch of 100 denials over | CPU µs per denial event | allocated KB per denial event |");
        Console.WriteLine("|---|---|---|");
        foreach (var findings in new[] { 1, 10 })
        {
            var clock = TimeProvider.System;
            var (client, _) = CountingDynamoDb.Create();
            var store = new FindingStore(client, "denied-findings", clock);
            var handler = DetectorComposition.Handler(store, null, null, TimeSpan.FromHours(1),
                new JsonLog(TextWriter.Null, "denied-detector"), new EmfMetrics(TextWriter.Null, "Denied", "denied-detector", clock), clock);
            var batch = SqsEvents.Batch(Enumerable.Range(0, 100).Select(i => Samples.DenialEnvelopeFor(i, i % findings)));
            var invocation = new InvocationContext("cpu", DateTimeOffset.MaxValue, null, null);
            for (var i = 0; i < 50; i++)
            {
                await handler.HandleAsync(batch, invocation, CancellationToken.None);
            }

            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < batches; i++)
            {
                await handler.HandleAsync(batch, invocation, CancellationToken.None);
            }

            var events = batches * 100.0;
            var cpuUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / events;
            var kb = (GC.GetTotalAllocatedBytes(precise: true) - bytes) / events / 1024;
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"| {findings} finding(s) | {cpuUs:F1} | {kb:F1} |"));
        }

        return 0;
    }
}
