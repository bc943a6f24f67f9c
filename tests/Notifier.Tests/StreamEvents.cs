using System.Text;
using System.Text.Json.Nodes;

namespace Notifier.Tests;

/// <summary>Builds Lambda DynamoDB stream events from records read off moto's stream.</summary>
internal static class StreamEvents
{
    public static string Sequence(JsonNode record) => record["dynamodb"]!["SequenceNumber"]!.GetValue<string>();

    public static string? SortKey(JsonNode record) => record["dynamodb"]!["Keys"]!["sk"]?["S"]?.GetValue<string>();

    /// <summary>The records after <paramref name="afterSequence"/> (all when null), in stream order, as DynamoDB emits them.</summary>
    public static List<JsonNode> After(JsonArray records, string? afterSequence) =>
        AsDynamoDbEmits(records.Select(r => r!))
            .Where(r => afterSequence is null || System.Numerics.BigInteger.Parse(Sequence(r)) > System.Numerics.BigInteger.Parse(afterSequence))
            .ToList();

    /// <summary>
    /// moto 5 records an UpdateItem that creates an item as two records: an INSERT of the bare keys, then a second
    /// record of the full item. DynamoDB emits one INSERT of the full item, so the pair is folded into that (the
    /// second record's image and sequence number, no old image).
    /// </summary>
    private static IEnumerable<JsonNode> AsDynamoDbEmits(IEnumerable<JsonNode> records)
    {
        JsonNode? pending = null;
        foreach (var r in records)
        {
            if (pending is not null)
            {
                var sameItem = JsonNode.DeepEquals(pending["dynamodb"]!["Keys"], r["dynamodb"]!["Keys"]);
                if (sameItem && r["eventName"]!.GetValue<string>() is "INSERT" or "MODIFY")
                {
                    var folded = r.DeepClone();
                    folded["eventName"] = "INSERT";
                    folded["dynamodb"]!.AsObject().Remove("OldImage");
                    pending = null;
                    yield return folded;
                    continue;
                }

                yield return pending;
                pending = null;
            }

            var isBareInsert = r["eventName"]!.GetValue<string>() == "INSERT" && r["dynamodb"]!["NewImage"]!.AsObject().Count <= 2;
            if (isBareInsert)
            {
                pending = r;
            }
            else
            {
                yield return r;
            }
        }

        if (pending is not null)
        {
            yield return pending;
        }
    }

    public static ReadOnlyMemory<byte> Event(IEnumerable<JsonNode> records)
    {
        var array = new JsonArray(records.Select(r => r.DeepClone()).ToArray());
        return Encoding.UTF8.GetBytes(new JsonObject { ["Records"] = array }.ToJsonString());
    }
}
