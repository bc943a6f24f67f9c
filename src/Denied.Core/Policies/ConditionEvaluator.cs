namespace Denied.Policies;

/// <summary>
/// Evaluates one condition entry (IAM JSON policy reference: Condition; "Single-valued vs. multivalued
/// context keys"). Several values for one key are ORed. A missing key fails a positive operator and
/// satisfies a negated one; <c>...IfExists</c> and <c>ForAllValues:</c> are satisfied by a missing key,
/// <c>ForAnyValue:</c> is not. A key the context marks unknown makes the entry <see cref="Truth.Unknown"/>.
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
            if (op.IfExists || op.Qualifier == SetQualifier.ForAllValues) return Truth.True;
            if (op.Qualifier == SetQualifier.ForAnyValue) return Truth.False;
            return TruthLogic.Of(op.Negated);
        }

        Truth Matches(string requestValue) =>
            TruthLogic.Any(entry.Values.Select(policyValue => ConditionValueComparer.Compare(op, requestValue, policyValue, context, substitute)));

        return op.Qualifier switch
        {
            SetQualifier.ForAllValues => TruthLogic.All(values.Select(v => op.Negated ? Matches(v).Not() : Matches(v))),
            SetQualifier.ForAnyValue => TruthLogic.Any(values.Select(v => op.Negated ? Matches(v).Not() : Matches(v))),
            _ => op.Negated ? TruthLogic.Any(values.Select(Matches)).Not() : TruthLogic.Any(values.Select(Matches)),
        };
    }
}
