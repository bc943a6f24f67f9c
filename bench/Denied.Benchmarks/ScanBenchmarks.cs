using BenchmarkDotNet.Attributes;
using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Findings;
using Denied.Iam;

namespace Denied.Benchmarks;

/// <summary>
/// The scan's per-record path over an in-memory log file (no gzip, no disk): split, pre-skip or parse, diagnose,
/// aggregate. Reported per record (OperationsPerInvoke), so Allocated is bytes per record.
/// </summary>
[MemoryDiagnoser]
public class ScanBenchmarks
{
    private const int Records = 2000;
    private readonly byte[] _successes = Samples.LogFile(Samples.SuccessRecord, Records);
    private readonly byte[] _denials = Samples.LogFile(Samples.DenialRecord, Records);
    private readonly Diagnoser _diagnoser = new(IamCatalog.Default);

    [Benchmark(OperationsPerInvoke = Records)]
    public long ScanSuccessfulRecord() => Scan(_successes);

    [Benchmark(OperationsPerInvoke = Records)]
    public long ScanDenialRecord() => Scan(_denials);

    private long Scan(byte[] file)
    {
        var scanner = new LogScanner(_diagnoser);
        foreach (var item in CloudTrailInput.ReadStream(new MemoryStream(file, writable: false), "bench.json", gzip: false, skipNonDenials: true))
        {
            scanner.Add(item);
        }

        return scanner.Stats.Records;
    }
}
