using System.Text.Json;

namespace Template.Tests.Support;

/// <summary>One IAM policy statement; Action, Resource and Principal normalised to lists.</summary>
public sealed record PolicyStatement(
    string? Sid,
    string Effect,
    IReadOnlyList<string> Actions,
    IReadOnlyList<JsonElement> Resources,
    JsonElement? Principal,
    JsonElement? Condition)
{
    public bool IsAllow => Effect == "Allow";

    public bool HasCondition => Condition is { ValueKind: JsonValueKind.Object } c && c.EnumerateObject().Any();

    /// <summary>Statements of a policy document, both branches of any Fn::If included.</summary>
    public static IEnumerable<PolicyStatement> AllIn(JsonElement document) =>
        Intrinsics.Items(document.GetProperty("Statement")).Select(From);

    public static PolicyStatement From(JsonElement s) => new(
        s.TryGetProperty("Sid", out var sid) ? sid.GetString() : null,
        s.GetProperty("Effect").GetString()!,
        s.TryGetProperty("Action", out var a) ? Intrinsics.Items(a).Select(x => x.GetString()!).ToList() : [],
        s.TryGetProperty("Resource", out var r) ? Intrinsics.Items(r).ToList() : [],
        s.TryGetProperty("Principal", out var p) ? p : null,
        s.TryGetProperty("Condition", out var c) ? c : null);

    /// <summary>Principal "*" or {"AWS": "*"}: anyone, unless a condition scopes it.</summary>
    public bool PrincipalIsEveryone =>
        Principal is { } p
        && ((p.ValueKind == JsonValueKind.String && p.GetString() == "*")
            || (p.ValueKind == JsonValueKind.Object && p.TryGetProperty("AWS", out var aws)
                && Intrinsics.Items(aws).Any(x => x.ValueKind == JsonValueKind.String && x.GetString() == "*")));

    public string? ServicePrincipal =>
        Principal is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("Service", out var s) && s.ValueKind == JsonValueKind.String
            ? s.GetString()
            : null;

    /// <summary>The value of a condition key under any operator (e.g. aws:SourceArn under ArnEquals), or null.</summary>
    public JsonElement? ConditionValue(string key)
    {
        if (Condition is not { ValueKind: JsonValueKind.Object } c)
        {
            return null;
        }

        foreach (var op in c.EnumerateObject())
        {
            if (op.Value.ValueKind == JsonValueKind.Object && op.Value.TryGetProperty(key, out var v))
            {
                return v;
            }
        }

        return null;
    }
}
