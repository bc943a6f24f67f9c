using System.Text.Json;
using Denied.Resources;

namespace Denied.Actions;

/// <summary>
/// DynamoDB TransactWriteItems has no IAM action of its own: each item is authorised as the single-item action
/// of its kind, Put as dynamodb:PutItem, Update as UpdateItem, Delete as DeleteItem, ConditionCheck as
/// ConditionCheckItem (iam-dataset map.json; DynamoDB developer guide, "Using IAM with DynamoDB transactions").
/// CloudTrail records the items as requestParameters.transactItems[{"put":{"tableName":...}}, ...].
/// </summary>
internal static class TransactWriteActions
{
    private static readonly (string Kind, string Action)[] Kinds =
    [
        ("put", "PutItem"),
        ("update", "UpdateItem"),
        ("delete", "DeleteItem"),
        ("conditionCheck", "ConditionCheckItem"),
    ];

    public static bool Applies(string prefix, string eventName) =>
        prefix.Equals("dynamodb", StringComparison.OrdinalIgnoreCase) &&
        eventName.Equals("TransactWriteItems", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The action of the first item (null when the record shows none), and the other actions the items need,
    /// in item order without repeats.
    /// </summary>
    public static (string? First, IReadOnlyList<string> Others) ActionNames(JsonElement? requestParameters)
    {
        var actions = new List<string>();
        if (requestParameters is { ValueKind: JsonValueKind.Object } parameters &&
            JsonParameters.Property(parameters, "transactItems") is { ValueKind: JsonValueKind.Array } items)
        {
            foreach (var item in items.EnumerateArray())
            {
                foreach (var (kind, action) in Kinds)
                {
                    if (JsonParameters.Property(item, kind) is { ValueKind: JsonValueKind.Object } && !actions.Contains(action))
                    {
                        actions.Add(action);
                    }
                }
            }
        }

        return actions.Count == 0 ? (null, []) : (actions[0], actions[1..]);
    }
}
