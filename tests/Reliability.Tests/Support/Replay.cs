using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

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

    /// <summary>
    /// The whole table as text, from a consistent Scan: every finding item with every attribute but the last write's kind, and every ledger
    /// entry as (eventID, finding). Applied-token markers are not compared (a faulty run splits a finding's events
    /// into more claims), but their invariants are asserted here: every ledger token has its marker, and a finding's
    /// count is the sum of its markers' batch counts and the number of its ledger entries.
    /// </summary>
    public static async Task<string> SnapshotAsync(DetectorRig rig, IAmazonDynamoDB dynamo)
    {
        _ = rig;
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest { TableName = DetectorRig.Table, ConsistentRead = true, ExclusiveStartKey = start });
            items.AddRange(page.Items);
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        string Pk(Dictionary<string, AttributeValue> i) => i["pk"].S;
        var findings = items.Where(i => i["sk"].S == "FINDING").ToList();
        var ledger = items.Where(i => Pk(i).StartsWith("E#", StringComparison.Ordinal)).ToList();
        var markers = items.Where(i => Pk(i).StartsWith("T#", StringComparison.Ordinal)).ToDictionary(i => Pk(i)[2..], StringComparer.Ordinal);
        Assert.Equal(items.Count, findings.Count + ledger.Count + markers.Count);

        Assert.All(ledger, e => Assert.True(markers.ContainsKey(e["token"].S), $"ledger entry {Pk(e)} has a token that was never applied"));
        foreach (var finding in findings)
        {
            var id = finding["id"].S;
            var count = long.Parse(finding["count"].N, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(count, ledger.Count(e => e["findingId"].S == id));
            Assert.Equal(count, markers.Values.Where(m => m["findingId"].S == id).Sum(m => long.Parse(m["batchCount"].N, System.Globalization.CultureInfo.InvariantCulture)));
        }

        // "change" names what the latest write did, which depends on delivery order (whichever batch comes first creates
        // the finding); every other attribute is state that must match whatever the order.
        var findingLines = findings.Select(i => string.Join(" ", i.Where(a => a.Key != "change").OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={Text(a.Value)}")));
        var ledgerLines = ledger.Select(e => $"{Pk(e)} -> {e["findingId"].S}");
        return string.Join("\n", findingLines.Concat(ledgerLines).Order(StringComparer.Ordinal));
    }

    private static string Text(AttributeValue value) =>
        value.S ?? value.N ?? (value.SS is { Count: > 0 } ss ? "{" + string.Join(",", ss.Order(StringComparer.Ordinal)) + "}"
        : value.L is { Count: > 0 } list ? "[" + string.Join(",", list.Select(Text).Order(StringComparer.Ordinal)) + "]"
        : value.M is { Count: > 0 } map ? "{" + string.Join(",", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{Text(p.Value)}")) + "}"
        : value.BOOL is { } b ? b.ToString() : value.NULL == true ? "null" : "?");
}
