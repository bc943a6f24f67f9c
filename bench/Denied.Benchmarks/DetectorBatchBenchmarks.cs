using BenchmarkDotNet.Attributes;
using Denied.Detector;
using Denied.Detector.Events;
using Denied.LambdaRuntime;
using Denied.LambdaRuntime.Observability;
using Denied.Store;

namespace Denied.Benchmarks;

/// <summary>
/// The Detector's per-batch path (DetectorHandler.HandleAsync: SQS JSON in, parse, diagnose, aggregate, store writes,
/// batch response out) over a DynamoDB stub that answers from memory and counts calls. Per event (OperationsPerInvoke):
/// Mean is CPU per denial event with the store's network time taken out; Allocated is bytes per event.
/// </summary>
[MemoryDiagnoser]
public class DetectorBatchBenchmarks
{
    private const int BatchSize = 100;
    private DetectorHandler _handler = null!;
    private CountingDynamoDb _counter = null!;
    private byte[] _event = null!;
    private InvocationContext _invocation = null!;

    /// <summary>How many findings the batch's denials spread over (1: a storm on one function).</summary>
    [Params(1, 10)]
    public int Findings { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var clock = TimeProvider.System;
        var (client, counter) = CountingDynamoDb.Create();
        _counter = counter;
        var store = new FindingStore(client, "denied-findings", clock);
        var log = new JsonLog(TextWriter.Null, "denied-detector");
        var metrics = new EmfMetrics(TextWriter.Null, "Denied", "denied-detector", clock);
        _handler = DetectorComposition.Handler(store, null, null, TimeSpan.FromHours(1), log, metrics, clock);
        _event = SqsEvents.Batch(Enumerable.Range(0, BatchSize).Select(i => Samples.DenialEnvelopeFor(i, i % Findings)));
        _invocation = new InvocationContext("bench", DateTimeOffset.MaxValue, null, null);
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public byte[] DetectorPerDenialEvent() => _handler.HandleAsync(_event, _invocation, CancellationToken.None).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Report() =>
        Console.WriteLine($"// store calls over the whole run ({Findings} findings per batch of {BatchSize}): "
            + string.Join(", ", _counter.Calls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}")));
}
