using System.IO.Compression;
using System.Text.Json.Nodes;
using Denied.TestSupport;

namespace Reliability.Tests.Support;

/// <summary>
/// Real-shaped inputs: every record of samples/AWSLogs, the EventBridge events of samples/events, and the record
/// fixtures of tests/Denied.Core.Tests. The fuzzer mutates these; the fault and redelivery tests replay the logs.
/// </summary>
public static class Seeds
{
    private static readonly Lazy<IReadOnlyList<JsonObject>> LogRecords = new(LoadLogs);
    private static readonly Lazy<IReadOnlyList<JsonObject>> Corpus = new(LoadCorpus);

    /// <summary>Every record of the three sample log files, in file order.</summary>
    public static IReadOnlyList<JsonObject> SampleRecords => LogRecords.Value;

    /// <summary>The sample records the EventBridge rule would deliver (those with an errorCode), in log order.</summary>
    public static IReadOnlyList<JsonObject> Deliverable => SampleRecords.Where(r => r["errorCode"] is not null).ToList();

    /// <summary>Sample records, sample events and record fixtures: objects of every shape the product reads.</summary>
    public static IReadOnlyList<JsonObject> All => Corpus.Value;

    public static string EventId(JsonObject record) => (string)record["eventID"]!;

    /// <summary>The record as EventBridge delivers it: an "AWS API Call via CloudTrail" envelope around it.</summary>
    public static string Envelope(JsonObject record) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = "ev-" + ((string?)record["eventID"] ?? "none"),
        ["detail-type"] = "AWS API Call via CloudTrail",
        ["source"] = "aws." + (((string?)record["eventSource"]) ?? "x.amazonaws.com").Split('.')[0],
        ["account"] = (string?)record["recipientAccountId"] ?? "111122223333",
        ["time"] = (string?)record["eventTime"],
        ["region"] = (string?)record["awsRegion"],
        ["resources"] = new JsonArray(),
        ["detail"] = record.DeepClone(),
    }.ToJsonString();

    /// <summary>An EventBridge envelope with this detail-type around raw detail text (which may be anything).</summary>
    public static string EnvelopeAround(string detail, string detailTypeJson) =>
        "{\"version\":\"0\",\"id\":\"fuzz\",\"detail-type\":" + detailTypeJson + ",\"source\":\"aws.s3\",\"detail\":" + detail + "}";

    private static IReadOnlyList<JsonObject> LoadLogs()
    {
        var records = new List<JsonObject>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Combine("samples", "AWSLogs"), "*.json.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            records.AddRange(JsonNode.Parse(gzip)!["Records"]!.AsArray().Select(r => r!.AsObject()));
        }

        return records;
    }

    private static IReadOnlyList<JsonObject> LoadCorpus()
    {
        var files = Directory.EnumerateFiles(RepoPaths.Combine("samples", "events"), "*.json")
            .Concat(Directory.EnumerateFiles(RepoPaths.Combine("tests", "Denied.Core.Tests", "Fixtures", "records"), "*.json"))
            .Order(StringComparer.Ordinal);
        var objects = new List<JsonObject>(SampleRecords.Select(r => r.DeepClone().AsObject()));
        foreach (var file in files)
        {
            try
            {
                if (JsonNode.Parse(File.ReadAllText(file)) is JsonObject o)
                {
                    objects.Add(o);
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // A fixture that is deliberately not JSON is not a seed; the mutator makes its own broken inputs.
            }
        }

        return objects;
    }
}
