using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;

namespace Reliability.Tests.Support;

/// <summary>An item in DynamoDB JSON (<c>{"S":..}</c>, <c>{"N":..}</c>, ...), as a stream record's images carry it.</summary>
public static class DynamoJson
{
    public static JsonObject Of(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var o = new JsonObject();
        foreach (var (name, value) in item)
        {
            o[name] = Of(value);
        }

        return o;
    }

    private static JsonObject Of(AttributeValue v) => v switch
    {
        { S: { } s } => new JsonObject { ["S"] = s },
        { N: { } n } => new JsonObject { ["N"] = n },
        { BOOL: { } b } => new JsonObject { ["BOOL"] = b },
        { NULL: true } => new JsonObject { ["NULL"] = true },
        { SS: { Count: > 0 } ss } => new JsonObject { ["SS"] = new JsonArray(ss.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray()) },
        { NS: { Count: > 0 } ns } => new JsonObject { ["NS"] = new JsonArray(ns.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray()) },
        { L: { } l } => new JsonObject { ["L"] = new JsonArray(l.Select(x => (JsonNode?)Of(x)).ToArray()) },
        { M: { } m } => new JsonObject { ["M"] = Of(m) },
        _ => new JsonObject { ["NULL"] = true },
    };
}
