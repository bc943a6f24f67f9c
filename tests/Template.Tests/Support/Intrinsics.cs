using System.Text.Json;

namespace Template.Tests.Support;

/// <summary>Reading CloudFormation values that may be literals or intrinsic functions.</summary>
public static class Intrinsics
{
    /// <summary>
    /// The alternatives a value can take: an Fn::If yields both branches (an AWS::NoValue branch
    /// yields nothing), anything else yields itself. Assertions over alternatives hold whatever
    /// the parameters are.
    /// </summary>
    public static IEnumerable<JsonElement> Alternatives(JsonElement value)
    {
        if (IsNoValue(value))
        {
            yield break;
        }

        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("Fn::If", out var branches))
        {
            foreach (var branch in branches.EnumerateArray().Skip(1))
            {
                foreach (var v in Alternatives(branch))
                {
                    yield return v;
                }
            }

            yield break;
        }

        yield return value;
    }

    /// <summary>Items of a list value (or the value itself when it is a single item), through Fn::If.</summary>
    public static IEnumerable<JsonElement> Items(JsonElement value)
    {
        foreach (var alternative in Alternatives(value))
        {
            if (alternative.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in alternative.EnumerateArray().SelectMany(Alternatives))
                {
                    yield return item;
                }
            }
            else
            {
                yield return alternative;
            }
        }
    }

    public static bool IsNoValue(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty("Ref", out var r) && r.GetString() == "AWS::NoValue";

    /// <summary>True when the value is {"Fn::GetAtt": [id, attribute]} (attribute null: any).</summary>
    public static bool IsGetAtt(JsonElement value, string logicalId, string? attribute = null) =>
        value.ValueKind == JsonValueKind.Object
        && value.TryGetProperty("Fn::GetAtt", out var g)
        && g[0].GetString() == logicalId
        && (attribute is null || g[1].GetString() == attribute);

    public static bool IsRef(JsonElement value, string logicalId) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty("Ref", out var r) && r.GetString() == logicalId;

    /// <summary>The template string of an Fn::Sub (either form), or null.</summary>
    public static string? SubTemplate(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("Fn::Sub", out var sub))
        {
            return null;
        }

        return sub.ValueKind == JsonValueKind.String ? sub.GetString() : sub[0].GetString();
    }

    /// <summary>
    /// A string value as Fn::Sub template text, so literals and intrinsics compare alike: a literal is
    /// itself, Fn::Sub its template, Ref X "${X}", Fn::GetAtt [X, A] "${X.A}", and Fn::Join the rendering
    /// of its parts. Null for anything else (Fn::If, Fn::Select, ...), which callers must treat as unknown.
    /// </summary>
    public static string? Render(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (SubTemplate(value) is { } sub)
        {
            return sub;
        }

        if (value.TryGetProperty("Ref", out var r) && r.ValueKind == JsonValueKind.String)
        {
            return "${" + r.GetString() + "}";
        }

        if (value.TryGetProperty("Fn::GetAtt", out var g) && g.ValueKind == JsonValueKind.Array && g.GetArrayLength() == 2)
        {
            return "${" + g[0].GetString() + "." + g[1].GetString() + "}";
        }

        if (value.TryGetProperty("Fn::Join", out var j) && j.ValueKind == JsonValueKind.Array && j.GetArrayLength() == 2
            && j[0].ValueKind == JsonValueKind.String && j[1].ValueKind == JsonValueKind.Array)
        {
            var parts = j[1].EnumerateArray().Select(Render).ToList();
            return parts.Any(p => p is null) ? null : string.Join(j[0].GetString(), parts);
        }

        return null;
    }

    /// <summary>
    /// A value that must be a constant (an IAM action): a literal, or a Sub/Join whose rendering names no
    /// parameter or resource. Null when it depends on something the template alone does not fix.
    /// </summary>
    public static string? Constant(JsonElement value) =>
        Render(value) is { } text && !text.Replace("${!", "", StringComparison.Ordinal).Contains("${", StringComparison.Ordinal)
            ? text.Replace("${!", "${", StringComparison.Ordinal)
            : null;

    /// <summary>A literal string, or null when the value is an intrinsic function.</summary>
    public static string? Literal(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>True when the value names the resource: Ref, GetAtt, or a Sub mentioning ${id} or ${id.attr}.</summary>
    public static bool RefersTo(JsonElement value, string logicalId) =>
        IsRef(value, logicalId)
        || IsGetAtt(value, logicalId)
        || (SubTemplate(value) is { } s && (s.Contains("${" + logicalId + "}", StringComparison.Ordinal)
                                            || s.Contains("${" + logicalId + ".", StringComparison.Ordinal)));
}
