using System.Globalization;
using System.Text.Json;

namespace Denied.Policies;

/// <summary>
/// Reads a policy document (IAM JSON policy elements reference): <c>Statement</c> as one object or an
/// array; <c>Action</c>, <c>Resource</c> and their <c>Not</c> forms as a string or an array; <c>Principal</c>
/// as <c>"*"</c> or an object of string-or-array values; <c>Condition</c> values as strings, numbers or
/// booleans (a JSON <c>true</c> is the string "true"). Anything else is refused with a
/// <see cref="PolicyFormatException"/> naming the element.
/// </summary>
public static class PolicyParser
{
    public static PolicyDocument Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new PolicyFormatException($"the policy is not JSON: {e.Message}");
        }
    }

    public static PolicyDocument Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new PolicyFormatException("a policy document must be a JSON object");
        string? version = null, id = null;
        var statements = new List<PolicyStatement>();
        var sawStatement = false;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "Version":
                    version = RequireString(property.Value, "Version");
                    break;
                case "Id":
                    id = RequireString(property.Value, "Id");
                    break;
                case "Statement":
                    sawStatement = true;
                    if (property.Value.ValueKind == JsonValueKind.Object) statements.Add(ParseStatement(property.Value, 0));
                    else if (property.Value.ValueKind == JsonValueKind.Array)
                        foreach (var item in property.Value.EnumerateArray()) statements.Add(ParseStatement(item, statements.Count));
                    else throw new PolicyFormatException("Statement must be an object or an array");
                    break;
                default:
                    throw new PolicyFormatException($"unknown top-level element '{property.Name}'");
            }
        }

        if (!sawStatement) throw new PolicyFormatException("the policy has no Statement");
        if (version is not null && version != PolicyDocument.CurrentVersion && version != "2008-10-17")
            throw new PolicyFormatException($"Version must be 2012-10-17 or 2008-10-17, not '{version}'");
        return new PolicyDocument(version, id, statements);
    }

    private static PolicyStatement ParseStatement(JsonElement element, int index)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new PolicyFormatException($"statement {index} is not an object");
        string? sid = null;
        PolicyEffect? effect = null;
        IReadOnlyList<string>? actions = null, notActions = null, resources = null, notResources = null;
        PrincipalElement? principal = null, notPrincipal = null;
        IReadOnlyList<ConditionEntry> conditions = [];
        foreach (var property in element.EnumerateObject())
        {
            var where = $"statement {index} {property.Name}";
            switch (property.Name)
            {
                case "Sid": sid = RequireString(property.Value, where); break;
                case "Effect":
                    effect = RequireString(property.Value, where) switch
                    {
                        "Allow" => PolicyEffect.Allow,
                        "Deny" => PolicyEffect.Deny,
                        var other => throw new PolicyFormatException($"{where} must be Allow or Deny, not '{other}'"),
                    };
                    break;
                case "Action": actions = StringList(property.Value, where); break;
                case "NotAction": notActions = StringList(property.Value, where); break;
                case "Resource": resources = StringList(property.Value, where); break;
                case "NotResource": notResources = StringList(property.Value, where); break;
                case "Principal": principal = ParsePrincipal(property.Value, where); break;
                case "NotPrincipal": notPrincipal = ParsePrincipal(property.Value, where); break;
                case "Condition": conditions = ParseConditions(property.Value, where); break;
                default: throw new PolicyFormatException($"statement {index} has an unknown element '{property.Name}'");
            }
        }

        if (effect is null) throw new PolicyFormatException($"statement {index} has no Effect");
        if ((actions is null) == (notActions is null)) throw new PolicyFormatException($"statement {index} needs exactly one of Action and NotAction");
        if (resources is not null && notResources is not null) throw new PolicyFormatException($"statement {index} has both Resource and NotResource");
        if (principal is not null && notPrincipal is not null) throw new PolicyFormatException($"statement {index} has both Principal and NotPrincipal");
        return new PolicyStatement(index, sid, effect.Value, actions, notActions, resources, notResources, principal, notPrincipal, conditions);
    }

    private static PrincipalElement ParsePrincipal(JsonElement value, string where)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            if (value.GetString() != "*") throw new PolicyFormatException($"{where} must be \"*\" or an object");
            return new PrincipalElement(true, [], [], [], []);
        }

        if (value.ValueKind != JsonValueKind.Object) throw new PolicyFormatException($"{where} must be \"*\" or an object");
        IReadOnlyList<string> aws = [], service = [], federated = [], canonical = [];
        foreach (var property in value.EnumerateObject())
        {
            var list = StringList(property.Value, $"{where} {property.Name}");
            switch (property.Name)
            {
                case "AWS": aws = list; break;
                case "Service": service = list; break;
                case "Federated": federated = list; break;
                case "CanonicalUser": canonical = list; break;
                default: throw new PolicyFormatException($"{where} has an unknown principal type '{property.Name}'");
            }
        }

        // {"AWS":"*"} is the same as "*" (IAM JSON policy reference: Principal, "All principals").
        return new PrincipalElement(aws.Contains("*"), aws, service, federated, canonical);
    }

    private static IReadOnlyList<ConditionEntry> ParseConditions(JsonElement value, string where)
    {
        if (value.ValueKind != JsonValueKind.Object) throw new PolicyFormatException($"{where} must be an object");
        var entries = new List<ConditionEntry>();
        foreach (var block in value.EnumerateObject())
        {
            var op = ConditionOperator.Parse(block.Name) ?? throw new PolicyFormatException($"{where} has an unknown operator '{block.Name}'");
            if (block.Value.ValueKind != JsonValueKind.Object) throw new PolicyFormatException($"{where} {block.Name} must be an object");
            foreach (var key in block.Value.EnumerateObject())
                entries.Add(new ConditionEntry(op, key.Name, ConditionValues(key.Value, $"{where} {block.Name} {key.Name}")));
        }

        return entries;
    }

    private static IReadOnlyList<string> ConditionValues(JsonElement value, string where) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().Select(v => ConditionValue(v, where)).ToList(),
        _ => [ConditionValue(value, where)],
    };

    private static string ConditionValue(JsonElement value, string where) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new PolicyFormatException($"{where} values must be strings, numbers or booleans"),
    };

    private static IReadOnlyList<string> StringList(JsonElement value, string where)
    {
        if (value.ValueKind == JsonValueKind.String) return [value.GetString()!];
        if (value.ValueKind != JsonValueKind.Array) throw new PolicyFormatException($"{where} must be a string or an array of strings");
        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
            list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new PolicyFormatException($"{where} must hold only strings"));
        return list;
    }

    private static string RequireString(JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new PolicyFormatException(string.Create(CultureInfo.InvariantCulture, $"{where} must be a string"));
}
