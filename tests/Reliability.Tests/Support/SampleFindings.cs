using System.Text.Json.Nodes;
using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Findings;
using Denied.Iam;
using Denied.Store;

namespace Reliability.Tests.Support;

/// <summary>Findings made from the sample denials, and the DynamoDB stream records their writes would emit.</summary>
public static class SampleFindings
{
    public static IReadOnlyList<Finding> All { get; } = Build();

    /// <summary>
    /// A stream record for a finding item: INSERT (no old image), or MODIFY from <paramref name="old"/>. The new image
    /// records the write's change as the store does: the finding's own, else new for an INSERT and updated for a MODIFY.
    /// </summary>
    public static JsonObject StreamRecord(Finding finding, Finding? old, long sequence)
    {
        finding = finding with { LastChange = finding.LastChange ?? (old is null ? FindingChangeKind.New : FindingChangeKind.Updated) };
        var data = new JsonObject
        {
            ["Keys"] = DynamoJson.Of(FindingItemMapper.Key(finding.Id)),
            ["NewImage"] = DynamoJson.Of(FindingItemMapper.ToItem(finding)),
            ["SequenceNumber"] = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["StreamViewType"] = "NEW_AND_OLD_IMAGES",
        };
        if (old is not null)
        {
            data["OldImage"] = DynamoJson.Of(FindingItemMapper.ToItem(old));
        }

        return new JsonObject
        {
            ["eventID"] = "stream-" + sequence,
            ["eventName"] = old is null ? "INSERT" : "MODIFY",
            ["eventSourceARN"] = "arn:aws:dynamodb:us-east-1:123456789012:table/denied-findings/stream/2026-11-20T00:00:00.000",
            ["dynamodb"] = data,
        };
    }

    /// <summary>Stream records of every shape the Notifier acts on: new, reopened, past a threshold.</summary>
    public static IReadOnlyList<JsonObject> StreamRecords()
    {
        var records = new List<JsonObject>();
        foreach (var f in All)
        {
            records.Add(StreamRecord(f, null, 100 + records.Count));
            records.Add(StreamRecord(f with { Count = 150 }, f with { Count = 90 }, 100 + records.Count));
            records.Add(StreamRecord(f with { ReopenCount = 1, LastChange = FindingChangeKind.Reopened }, f with { Status = FindingStatus.Resolved, ResolvedAt = f.LastSeen }, 100 + records.Count));
        }

        return records;
    }

    /// <summary>An open finding of one diagnosis seen three times.</summary>
    public static Finding Of(Diagnosis diagnosis)
    {
        var key = FindingKey.For(diagnosis) ?? throw new InvalidOperationException("the diagnosis is not a finding");
        var time = FindingAggregator.ParseTime(diagnosis.EventTime);
        return new Finding
        {
            Id = key.Id, Key = key, Status = FindingStatus.Open, Count = 3, FirstSeen = time, LastSeen = time,
            FunctionNames = diagnosis.Function?.Name is { } name ? [name] : [], SampleEventIds = [diagnosis.EventId ?? "e"], Diagnosis = diagnosis,
        };
    }

    private static IReadOnlyList<Finding> Build()
    {
        var diagnoser = new Diagnoser(IamCatalog.Default, null);
        var aggregator = new FindingAggregator();
        foreach (var record in Seeds.Deliverable)
        {
            if (CloudTrailRecordParser.Parse(System.Text.Encoding.UTF8.GetBytes(record.ToJsonString())).Record is { } r)
            {
                aggregator.Add(diagnoser.Diagnose(r), Seeds.EventId(record));
            }
        }

        return aggregator.Observations().Select(o => new Finding
        {
            Id = o.Key.Id,
            Key = o.Key,
            Status = FindingStatus.Open,
            Count = o.Events.Count,
            FirstSeen = o.FirstSeen,
            LastSeen = o.LastSeen,
            FunctionNames = o.FunctionNames.ToList(),
            SampleEventIds = o.Events.Take(5).Select(e => e.EventId).ToList(),
            Diagnosis = o.Latest,
        }).OrderBy(f => f.Id, StringComparer.Ordinal).ToList();
    }
}
