using System.Globalization;
using Denied.TestSupport;
using Reliability.Tests.Support;
using Xunit.Abstractions;

namespace Reliability.Tests.Fuzz;

/// <summary>
/// The seeded mutation fuzzer (issue "Reliability and security", part 1). The test command runs a few thousand
/// inputs with a fixed seed; scripts/fuzz.sh runs 100,000 or more (FUZZ_INPUTS, FUZZ_SEED) through the same code.
/// Every input goes through `explain`, `scan` and the Detector's handler; as many fuzzed stream records go through
/// the Notifier's handler. Zero contract violations allowed; a failure prints the mutation to replay.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class FuzzTests(MotoServer moto, ITestOutputHelper output)
{
    private const int DefaultInputs = 3000;
    private const int DefaultSeed = 20261120;
    private const int Chunk = 100;

    [Fact]
    public async Task FuzzedRecordsThroughExplainScanAndBothHandlersEndDiagnosedIgnoredOrRejectedWithoutUnhandledExceptions()
    {
        var inputs = Setting("FUZZ_INPUTS", DefaultInputs);
        var seed = Setting("FUZZ_SEED", DefaultSeed);
        var work = Directory.CreateTempSubdirectory("denied-fuzz-");
        var tally = new FuzzTally();
        try
        {
            var rig = await DetectorRig.CreateAsync(moto);
            using var dynamo = DetectorRig.Dynamo(moto.EndpointUrl);
            var cli = new CliFuzzTarget(work.FullName, tally);
            var detector = new DetectorFuzzTarget(rig, dynamo, tally, seed);
            var notifier = new NotifierFuzzTarget(rig, dynamo, tally);
            var records = new Mutator(seed);
            var streamRecords = new Mutator(seed + 1);
            var streamSeeds = SampleFindings.StreamRecords();
            for (var done = 0; done < inputs; done += Chunk)
            {
                var chunk = Enumerable.Range(0, Math.Min(Chunk, inputs - done)).Select(_ => records.Next(Seeds.All)).ToList();
                var explained = new List<CliFuzzTarget.ExplainOutcome>();
                foreach (var input in chunk)
                {
                    explained.Add(cli.Explain(input));
                    await notifier.RunAsync(streamRecords.Next(streamSeeds, frame: false));
                }

                await cli.ScanAsync(chunk, explained);
                await detector.RunAsync(chunk);
                tally.Inputs += 2L * chunk.Count;
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }

        var summary = $"seed {seed}: {tally.Summary()}";
        output.WriteLine(summary);
        if (Environment.GetEnvironmentVariable("FUZZ_REPORT") is { Length: > 0 } report)
        {
            await File.WriteAllTextAsync(report, summary + Environment.NewLine + string.Join(Environment.NewLine, tally.Violations));
        }

        Assert.True(tally.Violations.Count == 0, summary + "\n" + string.Join("\n", tally.Violations));
    }

    private static int Setting(string name, int defaultValue) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : defaultValue;
}
