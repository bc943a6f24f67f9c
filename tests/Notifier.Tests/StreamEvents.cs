using System.Text;
using System.Text.Json.Nodes;

namespace Notifier.Tests;

/// <summary>Builds Lambda DynamoDB stream events from records read off moto's stream.</summary>
internal static class StreamEvents
{
    public static string Sequence(JsonNode record) => record["dynamodb"]!["SequenceNumber"]!.GetValue<string>();

    public static string? SortKey(JsonNode record) => record["dynamodb"]!["Keys"]!["sk"]?["S"]?.GetValue<string>();

    /// <summary>The records after <paramref name="afterSequence"/> (all when null), in stream order.</summary>
    public static List<JsonNode> After(JsonArray records, string? afterSequence) =>
        records.Select(r => r!)
            .Where(r => afterSequence is null || System.Numerics.BigInteger.Parse(Sequence(r)) > System.Numerics.BigInteger.Parse(afterSequence))
            .ToList();

    public static ReadOnlyMemory<byte> Event(IEnumerable<JsonNode> records)
    {
        var array = new JsonArray(records.Select(r => r.DeepClone()).ToArray());
        return Encoding.UTF8.GetBytes(new JsonObject { ["Records"] = array }.ToJsonString());
    }
}
