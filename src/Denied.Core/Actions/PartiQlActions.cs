using System.Text.Json;

namespace Denied.Actions;

/// <summary>
/// DynamoDB's PartiQL APIs (ExecuteStatement, BatchExecuteStatement, ExecuteTransaction) are authorised
/// as dynamodb:PartiQLSelect/Insert/Update/Delete by the statement's verb (iam-dataset map.json
/// "conditions"; DynamoDB developer guide, "IAM policies with PartiQL for DynamoDB").
/// </summary>
internal static class PartiQlActions
{
    private static readonly string[] EventNames = ["ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction"];

    public static bool Applies(string prefix, string eventName) =>
        prefix.Equals("dynamodb", StringComparison.OrdinalIgnoreCase) &&
        EventNames.Contains(eventName, StringComparer.OrdinalIgnoreCase);

    /// <summary>"PartiQLSelect" etc. when every statement in the request has the same verb; otherwise null.</summary>
    public static string? ActionName(JsonElement? requestParameters)
    {
        if (requestParameters is not { ValueKind: JsonValueKind.Object } parameters)
        {
            return null;
        }

        var verbs = Statements(parameters).Select(Verb).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return verbs.Count == 1 && verbs[0] is { } verb ? "PartiQL" + verb : null;
    }

    private static IEnumerable<string> Statements(JsonElement parameters)
    {
        if (parameters.TryGetProperty("statement", out var single) && single.ValueKind == JsonValueKind.String)
        {
            yield return single.GetString()!;
        }

        foreach (var listName in (string[])["statements", "transactStatements"])
        {
            if (parameters.TryGetProperty(listName, out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object &&
                        item.TryGetProperty("statement", out var s) && s.ValueKind == JsonValueKind.String)
                    {
                        yield return s.GetString()!;
                    }
                }
            }
        }
    }

    private static string? Verb(string statement)
    {
        var first = statement.TrimStart().Split([' ', '\t', '\r', '\n'], 2)[0].ToUpperInvariant();
        return first switch
        {
            "SELECT" => "Select",
            "INSERT" => "Insert",
            "UPDATE" => "Update",
            "DELETE" => "Delete",
            _ => null,
        };
    }
}
