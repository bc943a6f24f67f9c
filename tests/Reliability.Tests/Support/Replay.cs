using Amazon.DynamoDBv2;
using Denied.Findings;

namespace Reliability.Tests.Support;

/// <summary>
/// Delivers the sample denials to a Detector handler in SQS batches and redelivers as SQS would: the messages named
/// in batchItemFailures, or the whole batch when the invocation fails, until none is left.
/// </summary>
public static class Replay
{
    public const int MaxDeliveries = 60;

    /// <summary>The sample denials as SQS messages (id "msg-" + eventID, body the EventBridge envelope), in batches of 10.</summary>
    public static IReadOnlyList<IReadOnlyList<(string MessageId, string Body)>> SampleBatches() =>
        Seeds.Deliverable.Select(r => ("msg-" + Seeds.EventId(r), Seeds.Envelope(r))).Chunk(10).Select(c => (IReadOnlyList<(string, string)>)c).ToList();

    /// <summary>Delivers every batch until it is fully handled; returns how many invocations failed or handed messages back.</summary>
    public static async Task<int> DeliverAsync(DetectorRig rig, IAmazonDynamoDB dynamo, IEnumerable<IReadOnlyList<(string MessageId, string Body)>> batches)
    {
        var handler = rig.Handler(dynamo, new RecordingDeadLetters(), TextWriter.Null);
        var retried = 0;
        foreach (var batch in batches)
        {
            var pending = batch.ToList();
            for (var delivery = 1; pending.Count > 0; delivery++)
            {
                Assert.True(delivery <= MaxDeliveries, $"a batch was still failing after {MaxDeliveries} deliveries");
                IReadOnlyList<string> failed;
                try
                {
                    failed = DetectorRig.Failures(await handler.HandleAsync(DetectorRig.SqsEvent(pending), rig.Invocation(), CancellationToken.None));
                }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                {
                    // A failed invocation: SQS makes the whole batch visible again.
                    failed = pending.Select(m => m.MessageId).ToList();
                }

                retried += failed.Count > 0 ? 1 : 0;
                pending = pending.Where(m => failed.Contains(m.MessageId)).ToList();
            }
        }

        return retried;
    }

    /// <summary>The table's findings as text: everything a user sees, sample ids sorted (their order follows delivery).</summary>
    public static async Task<string> SnapshotAsync(DetectorRig rig, IAmazonDynamoDB dynamo)
    {
        var findings = (await rig.Store(dynamo).QueryAsync(new FindingQuery { Limit = 1000 })).Items;
        return string.Join("\n", findings.OrderBy(f => f.Id, StringComparer.Ordinal).Select(f =>
            $"{f.Id} {f.Status} count={f.Count} {f.FirstSeen:O} {f.LastSeen:O} [{string.Join(",", f.FunctionNames)}] [{string.Join(",", f.SampleEventIds.Order(StringComparer.Ordinal))}] reopened={f.ReopenCount} {f.Diagnosis.Action} {f.Diagnosis.Resource}"));
    }
}
