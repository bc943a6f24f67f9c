using System.Text.Json;

namespace Template.Tests.Support;

/// <summary>
/// One IAM policy statement; Action, Resource and Principal normalised to lists. Action items that are
/// intrinsics are resolved when they are constants (<see cref="Intrinsics.Constant"/>); the rest are kept in
/// <see cref="UnresolvedActions"/> so a test can fail on them by name instead of skipping or crashing.
/// </summary>
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

    /// <summary>Action items that are not constants (a Ref to a parameter, an Fn::Select, ...).</summary>
    public IReadOnlyList<JsonElement> UnresolvedActions { get; init; } = [];

    /// <summary>The NotAction, NotResource and NotPrincipal keys the statement uses (an Allow with any of them grants by exclusion).</summary>
    public IReadOnlyList<string> Negations { get; init; } = [];

    /// <summary>Statements of a policy document, both branches of any Fn::If included.</summary>
    public static IEnumerable<PolicyStatement> AllIn(JsonElement document) =>
        Intrinsics.Items(document.GetProperty("Statement")).Select(From);

    public static PolicyStatement From(JsonElement s)
    {
        var actionItems = s.TryGetProperty("Action", out var a) ? Intrinsics.Items(a).ToList() : [];
        return new PolicyStatement(
            s.TryGetProperty("Sid", out var sid) ? sid.GetString() : null,
            s.GetProperty("Effect").GetString()!,
            actionItems.Select(Intrinsics.Constant).OfType<string>().ToList(),
            s.TryGetProperty("Resource", out var r) ? Intrinsics.Items(r).ToList() : [],
            s.TryGetProperty("Principal", out var p) ? p : null,
            s.TryGetProperty("Condition", out var c) ? c : null)
        {
            UnresolvedActions = actionItems.Where(x => Intrinsics.Constant(x) is null).ToList(),
            Negations = new[] { "NotAction", "NotResource", "NotPrincipal" }.Where(k => s.TryGetProperty(k, out _)).ToList(),
        };
    }

    /// <summary>Principal "*" or {"AWS": "*"}: anyone, unless a condition scopes it.</summary>
    public bool PrincipalIsEveryone =>
        Principal is { } p
        && ((p.ValueKind == JsonValueKind.String && p.GetString() == "*")
            || (p.ValueKind == JsonValueKind.Object && p.TryGetProperty("AWS", out var aws)
                && Intrinsics.Items(aws).Any(x => x.ValueKind == JsonValueKind.String && x.GetString() == "*")));

    /// <summary>The service principal when it is one literal string (exact comparisons); see <see cref="Principals"/> for all.</summary>
    public string? ServicePrincipal =>
        Principal is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("Service", out var s) && s.ValueKind == JsonValueKind.String
            ? s.GetString()
            : null;

    /// <summary>
    /// Every principal as (kind, text): kind is AWS, Service, Federated or CanonicalUser ("*" for Principal "*"),
    /// text the item rendered by <see cref="Intrinsics.Render"/> (lists, Fn::If branches, Sub and Join read
    /// through), or null when the item cannot be rendered.
    /// </summary>
    public IReadOnlyList<(string Kind, string? Text)> Principals =>
        Principal switch
        {
            null => [],
            { ValueKind: JsonValueKind.String } p => [("*", p.GetString())],
            { ValueKind: JsonValueKind.Object } p => p.EnumerateObject()
                .SelectMany(kind => Intrinsics.Items(kind.Value).Select(v => (kind.Name, Intrinsics.Render(v))))
                .ToList(),
            _ => [("?", null)],
        };

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

    /// <summary>Every (operator, key, value) of the condition block.</summary>
    public IEnumerable<(string Operator, string Key, JsonElement Value)> ConditionEntries()
    {
        if (Condition is not { ValueKind: JsonValueKind.Object } c)
        {
            yield break;
        }

        foreach (var op in c.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object))
        {
            foreach (var entry in op.Value.EnumerateObject())
            {
                yield return (op.Name, entry.Name, entry.Value);
            }
        }
    }
}
