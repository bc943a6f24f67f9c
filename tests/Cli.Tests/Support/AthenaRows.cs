using System.Text.Json;
using System.Text.Json.Nodes;
using Denied.Cli;

namespace Cli.Tests.Support;

/// <summary>
/// What Athena returns for a record under <see cref="AthenaSql.DenialQuery"/>, built the way the documented table reads
/// it (the Hive JSON SerDe): STRING columns hold the value's text (a boolean as true/false, requestparameters as the
/// object's JSON text); the resources column is the JSON of [arn, accountId, type] triples; a missing field is NULL.
/// </summary>
public static class AthenaRows
{
    public static IReadOnlyList<string> Header => AthenaSql.Columns.Select(c => c.Name).ToList();

    public static IReadOnlyList<string?> Row(string recordJson)
    {
        using var doc = JsonDocument.Parse(recordJson);
        var r = doc.RootElement;
        return AthenaSql.Columns.Select(c => Cell(r, c.Name)).ToList();
    }

    private static string? Cell(JsonElement r, string column) => column switch
    {
        "eventversion" => Text(r, "eventVersion"),
        "eventid" => Text(r, "eventID"),
        "eventtime" => Text(r, "eventTime"),
        "eventsource" => Text(r, "eventSource"),
        "eventname" => Text(r, "eventName"),
        "awsregion" => Text(r, "awsRegion"),
        "sourceipaddress" => Text(r, "sourceIPAddress"),
        "useragent" => Text(r, "userAgent"),
        "errorcode" => Text(r, "errorCode"),
        "errormessage" => Text(r, "errorMessage"),
        "requestparameters" => Text(r, "requestParameters"),
        "recipientaccountid" => Text(r, "recipientAccountId"),
        "eventtype" => Text(r, "eventType"),
        "eventcategory" => Text(r, "eventCategory"),
        "readonly" => Text(r, "readOnly"),
        "vpcendpointid" => Text(r, "vpcEndpointId"),
        "sharedeventid" => Text(r, "sharedEventID"),
        "resources" => Resources(r),
        _ when column.StartsWith("useridentity_", StringComparison.Ordinal) => Text(Get(r, "userIdentity"), Field(column["useridentity_".Length..])),
        _ when column.StartsWith("sessionissuer_", StringComparison.Ordinal) =>
            Text(Get(Get(Get(r, "userIdentity"), "sessionContext"), "sessionIssuer"), Field(column["sessionissuer_".Length..])),
        _ => throw new ArgumentException("no such column: " + column),
    };

    private static string Field(string lower) => lower switch
    {
        "principalid" => "principalId",
        "accountid" => "accountId",
        "accesskeyid" => "accessKeyId",
        "username" => "userName",
        "invokedby" => "invokedBy",
        _ => lower,
    };

    private static string? Resources(JsonElement r)
    {
        if (Get(r, "resources") is not { ValueKind: JsonValueKind.Array } list)
        {
            return null;
        }

        var triples = new JsonArray();
        foreach (var res in list.EnumerateArray())
        {
            triples.Add((JsonNode)new JsonArray(
                JsonValue.Create(Text(res, "ARN")), JsonValue.Create(Text(res, "accountId")), JsonValue.Create(Text(res, "type"))));
        }

        return triples.ToJsonString();
    }

    private static JsonElement Get(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) ? v : default;

    private static string? Text(JsonElement obj, string name) => Get(obj, name) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Undefined or JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        var other => other.GetRawText(),
    };
}
