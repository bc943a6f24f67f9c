namespace Denied.Policies;

/// <summary>
/// Evaluates one statement's elements against a request: Action/NotAction (case-insensitive wildcards),
/// Resource/NotResource (case-sensitive ARN components, policy variables), Principal/NotPrincipal, and
/// Condition (every entry must hold; IAM JSON policy reference: "Evaluation logic for conditions").
/// </summary>
public static class StatementEvaluator
{
    public static StatementOutcome Evaluate(PolicyStatement statement, PolicyDocument document, PolicySource source, RequestContext context)
    {
        var substitute = document.SubstitutesVariables;
        var actionMatches = statement.Actions is { } actions
            ? actions.Any(a => ActionMatches(a, context.Action))
            : !statement.NotActions!.Any(a => ActionMatches(a, context.Action));

        var resourceMatches = statement.Resources is { } resources
            ? TruthLogic.Any(resources.Select(r => ResourceMatches(r, context, substitute)))
            : statement.NotResources is { } notResources
                ? NotResourceMatches(notResources, context, substitute)
                : Truth.True;

        var failed = new List<string>();
        var unknown = new List<string>();
        var conditions = Truth.True;
        foreach (var entry in statement.Conditions)
        {
            var holds = ConditionEvaluator.Evaluate(entry, context, substitute);
            if (holds == Truth.False && !failed.Contains(entry.Key, StringComparer.OrdinalIgnoreCase)) failed.Add(entry.Key);
            if (holds == Truth.Unknown && !unknown.Contains(entry.Key, StringComparer.OrdinalIgnoreCase)) unknown.Add(entry.Key);
            conditions = conditions.And(holds);
        }

        return new StatementOutcome(
            new StatementReference(source, statement.Sid, statement.Index),
            statement.Effect,
            actionMatches,
            resourceMatches,
            PrincipalMatcher.Match(statement, context.Principal),
            conditions,
            failed,
            unknown);
    }

    /// <summary>Action names are case-insensitive, wildcards included (IAM JSON policy reference: Action).</summary>
    public static bool ActionMatches(string pattern, string action) =>
        PolicyPattern.Plain(pattern).Matches(action, ignoreCase: true);

    /// <summary>A NotResource value with an unresolvable variable invalidates the element rather than excluding nothing.</summary>
    private static Truth NotResourceMatches(IReadOnlyList<string> patterns, RequestContext context, bool substitute)
    {
        var matches = new List<Truth>();
        foreach (var pattern in patterns)
        {
            if (pattern != "*" && PolicyVariables.Resolve(pattern, context, substitute, out _) == Truth.False) return Truth.False;
            matches.Add(ResourceMatches(pattern, context, substitute));
        }

        return TruthLogic.Any(matches).Not();
    }

    private static Truth ResourceMatches(string pattern, RequestContext context, bool substitute)
    {
        if (pattern == "*") return Truth.True;
        var resolved = PolicyVariables.Resolve(pattern, context, substitute, out var compiled);
        if (resolved != Truth.True) return resolved;
        return TruthLogic.Of(context.Resource != "*" && ArnMatcher.Matches(compiled, context.Resource));
    }
}
