namespace Denied.Policies;

/// <summary>
/// How one statement fared against the request: each element separately and whether it applies as a
/// whole. <see cref="FailedConditionKeys"/> lists the keys whose entries were false,
/// <see cref="UnknownConditionKeys"/> those the context could not decide.
/// </summary>
public sealed record StatementOutcome(
    StatementReference Reference,
    PolicyEffect Effect,
    bool ActionMatches,
    Truth ResourceMatches,
    PrincipalMatch Principal,
    Truth ConditionsHold,
    IReadOnlyList<string> FailedConditionKeys,
    IReadOnlyList<string> UnknownConditionKeys)
{
    public bool PrincipalMatches => Principal != PrincipalMatch.NoMatch;

    public Truth Applies => TruthLogic.Of(ActionMatches && PrincipalMatches).And(ResourceMatches).And(ConditionsHold);

    /// <summary>The elements that did not match: <c>action</c>, <c>resource</c>, <c>principal</c>, <c>condition:&lt;key&gt;</c>.</summary>
    public IReadOnlyList<string> Mismatch
    {
        get
        {
            var list = new List<string>();
            if (!ActionMatches) list.Add("action");
            if (ResourceMatches == Truth.False) list.Add("resource");
            if (!PrincipalMatches) list.Add("principal");
            list.AddRange(FailedConditionKeys.Select(k => "condition:" + k));
            return list;
        }
    }
}
