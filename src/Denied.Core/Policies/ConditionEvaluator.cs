namespace Denied.Policies;

/// <summary>
/// Evaluates one condition entry (IAM JSON policy reference: Condition; "Single-valued vs. multivalued
/// context keys"). Several values for one key are ORed. A missing key fails a positive operator and
/// satisfies a negated one; <c>...IfExists</c> and <c>ForAllValues:</c> are satisfied by a missing key,
/// <c>ForAnyValue:</c> is not, whatever its suffix. A key the context marks unknown makes the entry <see cref="Truth.Unknown"/>.
/// </summary>
public static class ConditionEvaluator
{
    public static Truth Evaluate(ConditionEntry entry, RequestContext context, bool substitute)
    {
        var op = entry.Operator;
        var state = context.Lookup(entry.Key, out var values);
        if (state == KeyState.Unknown) return Truth.Unknown;
        var present = state == KeyState.Present && values.Count > 0;

        if (op.Family == ConditionOperatorFamily.Null)
            // "Null": true asks that the key be absent, false that it be present.
            return TruthLogic.Of(entry.Values.Any(v => bool.TryParse(v, out var wantAbsent) && wantAbsent != present));

        if (!present)
        {
            // ForAnyValue: is false on a missing key even with IfExists (observed in AWS: re:Post
            // "ForAnyValue:StringEqualsIfExists behaving unexpectedly"); ForAllValues: is true.
            if (op.Qualifier == SetQualifier.ForAnyValue) return Truth.False;
            if (op.IfExists || op.Qualifier == SetQualifier.ForAllValues) return Truth.True;
            return TruthLogic.Of(op.Negated);
        }

        var unresolvable = false;
        Truth Matches(string requestValue) =>
            TruthLogic.Any(entry.Values.Select(policyValue =>
            {
                var match = ConditionValueComparer.Compare(op, requestValue, policyValue, context, substitute, out var failed);
                unresolvable |= failed;
                return match;
            }).ToList());

        if (op.Negated)
        {
            // Evaluated eagerly so an unresolvable variable is seen before the negation.
            var matches = values.Select(Matches).ToList();
            if (unresolvable) return Truth.False;
            return op.Qualifier switch
            {
                SetQualifier.ForAllValues => TruthLogic.All(matches.Select(m => m.Not())),
                SetQualifier.ForAnyValue => TruthLogic.Any(matches.Select(m => m.Not())),
                _ => TruthLogic.Any(matches).Not(),
            };
        }

        return op.Qualifier == SetQualifier.ForAllValues
            ? TruthLogic.All(values.Select(Matches).ToList())
            : TruthLogic.Any(values.Select(Matches).ToList());
    }
}
