using System.Globalization;
using Denied.Classification;
using Denied.CloudTrail;
using Denied.Detector.Events;
using Denied.Diagnostics;
using Denied.Findings;
using Denied.Iam;
using Denied.Rendering;
using Denied.Store;

namespace Denied.Benchmarks;

/// <summary>
/// Bytes allocated by each stage of the Detector's per-event path (a count, not a time: the same on any machine), on
/// the detector-cpu batch of 100 denials over 10 findings: where the allocation per event goes.
///   detector-alloc
/// </summary>
public static class DetectorAllocations
{
    public static async Task<int> RunAsync()
    {
        var batch = SqsEvents.Batch(Enumerable.Range(0, 100).Select(i => Samples.DenialEnvelopeFor(i, i % 10)));
        var diagnoser = new Diagnoser(IamCatalog.Default);
        var message = SqsEvent.Parse(batch).Records[3];
        var record = message.Record().Record!;
        var diagnosis = diagnoser.DiagnoseDeferringFix(record);
        var diagnoses = SqsEvent.Parse(batch).Records.Select(m => diagnoser.DiagnoseDeferringFix(m.Record().Record!)).ToList();
        var aggregator = new FindingAggregator();
        for (var i = 0; i < diagnoses.Count; i++)
        {
            aggregator.Add(diagnoses[i], "m" + i.ToString(CultureInfo.InvariantCulture));
        }

        var observation = aggregator.Observations()[0];
        var withFix = FindingAggregator.LatestWithFix(observation);
        var (client, _) = CountingDynamoDb.Create();
        var store = new FindingStore(client, "denied-findings", TimeProvider.System);

        Console.WriteLine("| stage | bytes allocated |");
        Console.WriteLine("|---|---|");
        Row("SqsEvent.Parse, per event", Bytes(() => SqsEvent.Parse(batch)) / 100);
        Row("SqsMessage.Record (unescape, record pass), per event", Bytes(() => message.Record()));
        Row("Diagnoser.DiagnoseDeferringFix, per event", Bytes(() => diagnoser.DiagnoseDeferringFix(record)));
        Row("  of which AccessDeniedMessageParser.Parse", Bytes(() => AccessDeniedMessageParser.Parse(record.ErrorMessage)));
        Row("FindingAggregator.Add and Observations, per event", Bytes(() =>
        {
            var a = new FindingAggregator();
            for (var i = 0; i < diagnoses.Count; i++)
            {
                a.Add(diagnoses[i], "m");
            }

            a.Observations();
        }) / 100);
        Row("FindingStore.RecordAsync, per finding of 10 events", await BytesAsync(() => store.RecordAsync(observation, CancellationToken.None)));
        Row("  of which FindingAggregator.LatestWithFix", Bytes(() => FindingAggregator.LatestWithFix(observation)));
        Row("  of which DiagnosisJson.Serialize", Bytes(() => DiagnosisJson.Serialize(withFix)));
        return 0;
    }

    private static void Row(string stage, long bytes) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {stage} | {bytes:N0} |"));

    private static long Bytes(Action stage)
    {
        for (var i = 0; i < 20; i++)
        {
            stage();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            stage();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / 200;
    }

    private static async Task<long> BytesAsync(Func<Task> stage)
    {
        for (var i = 0; i < 20; i++)
        {
            await stage();
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < 50; i++)
        {
            await stage();
        }

        return (GC.GetTotalAllocatedBytes(precise: true) - before) / 50;
    }
}
