using System.IO.Compression;
using System.Text.Json.Nodes;
using Denied.TestSupport;

namespace Detector.Tests.Support;

/// <summary>The CloudTrail records of samples/AWSLogs (real shapes), and EventBridge envelopes built from them.</summary>
public static class SampleRecords
{
    private static readonly Lazy<IReadOnlyList<JsonObject>> Records = new(Load);

    /// <summary>Every record of the three sample log files, in file order.</summary>
    public static IReadOnlyList<JsonObject> All => Records.Value;

    /// <summary>Records with an errorCode: the ones the rule may match (denials, throttling, a missing key).</summary>
    public static IReadOnlyList<JsonObject> WithErrors => All.Where(r => r["errorCode"] is not null).ToList();

    /// <summary>Successful calls: the rule must never deliver these.</summary>
    public static IReadOnlyList<JsonObject> Successful => All.Where(r => r["errorCode"] is null && r["errorMessage"] is null).ToList();

    /// <summary>The sample record with this eventID (a deep copy the test may change).</summary>
    public static JsonObject ById(string eventId) =>
        All.Single(r => (string?)r["eventID"] == eventId).DeepClone().AsObject();

    public static string EventId(JsonObject record) => (string)record["eventID"]!;

    /// <summary>"aws.kms" for kms.amazonaws.com: the source CloudTrail events carry on EventBridge.</summary>
    public static string Source(JsonObject record) => "aws." + ((string)record["eventSource"]!).Split('.')[0];

    /// <summary>The record as EventBridge delivers it: an "AWS API Call via CloudTrail" envelope with the record as detail.</summary>
    public static string Envelope(JsonObject record) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = Guid.NewGuid().ToString(),
        ["detail-type"] = "AWS API Call via CloudTrail",
        ["source"] = Source(record),
        ["account"] = (string?)record["recipientAccountId"] ?? "111122223333",
        ["time"] = (string?)record["eventTime"],
        ["region"] = (string?)record["awsRegion"],
        ["resources"] = new JsonArray(),
        ["detail"] = record.DeepClone(),
    }.ToJsonString();

    /// <summary>A PutEvents entry for the record (boto3 shape).</summary>
    public static JsonObject PutEventsEntry(JsonObject record) => new()
    {
        ["Source"] = Source(record),
        ["DetailType"] = "AWS API Call via CloudTrail",
        ["Detail"] = record.ToJsonString(),
    };

    private static IReadOnlyList<JsonObject> Load()
    {
        var folder = RepoPaths.Combine("samples", "AWSLogs");
        var records = new List<JsonObject>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            var log = JsonNode.Parse(gzip)!.AsObject();
            records.AddRange(log["Records"]!.AsArray().Select(r => r!.AsObject()));
        }

        return records;
    }
}
