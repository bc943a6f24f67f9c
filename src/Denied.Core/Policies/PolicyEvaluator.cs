using Denied.Diagnostics;

namespace Denied.Policies;

/// <summary>
/// AWS's policy evaluation logic (IAM User Guide, "Policy evaluation logic" and "Cross-account policy
/// evaluation logic"), in three-valued logic so an undecidable condition yields
/// <see cref="PolicyDecision.NotDeterminable"/>:
/// <list type="number">
/// <item>an applicable Deny in any policy wins (explicit deny);</item>
/// <item>SCPs: every level of the organization (root, each OU, the account) must have an applicable Allow;
/// RCPs only deny here, since RCPFullAWSAccess is attached at every level and cannot be detached
/// (Organizations User Guide, "Resource control policies");</item>
/// <item>same account: an identity-policy Allow or a resource-policy Allow naming the principal (its ARN
/// or its role) suffices; a resource policy naming only the account delegates to the identity policies.
/// Cross-account: the identity policy and the resource policy (naming the principal or its account) must
/// both allow;</item>
/// <item>KMS key policies and role trust policies must allow themselves, directly or by naming the
/// account (then the identity policy must allow too), even within the account (KMS Developer Guide,
/// "Default key policy"; IAM User Guide, "Roles terms and concepts": trust policy);</item>
/// <item>a permissions boundary and a session policy intersect the identity-based grant; a same-account
/// resource-policy Allow naming the exact session or user ARN is not limited by them, one naming the role
/// ARN is (IAM User Guide, "Permissions boundaries for IAM entities", "Session policies").</item>
/// </list>
/// </summary>
public static class PolicyEvaluator
{
    public static EvaluationResult Evaluate(EvaluationInput input, RequestContext context)
    {
        var unseen = input.Unseen ?? new HashSet<DenialLayer>();
        var principal = context.Principal;
        var isService = principal.Type == RequestPrincipalType.Service;
        var identity = Outcomes(input.IdentityPolicies, context);
        var boundary = Outcomes(input.PermissionsBoundary is null ? null : [input.PermissionsBoundary], context);
        var session = Outcomes(input.SessionPolicy is null ? null : [input.SessionPolicy], context);
        var resource = Outcomes(input.ResourcePolicy is null ? null : [input.ResourcePolicy], context);
        if (input.PermissionsBoundary is not null)
            // "The NotPrincipal element with a Deny effect will always deny any IAM principal that has a
            // permissions boundary policy attached" (IAM User Guide, "Permissions boundaries for IAM entities").
            resource = resource.Select(o => o.Effect == PolicyEffect.Deny && NotPrincipalStatement(input.ResourcePolicy!, o) ? o with { Principal = PrincipalMatch.Exact } : o).ToList();
        // Principal-side policies do not apply to service principals, which have none.
        var scpLevels = isService ? [] : (input.ServiceControlPolicies ?? []).Select(l => Outcomes(l.Policies, context)).ToList();
        var rcpLevels = (input.ResourceControlPolicies ?? []).Select(l => Outcomes(l.Policies, context)).ToList();
        var all = identity.Concat(boundary).Concat(session).Concat(resource).Concat(scpLevels.SelectMany(l => l)).Concat(rcpLevels.SelectMany(l => l)).ToList();

        var explicitDeny = TruthLogic.Any(all.Where(o => o.Effect == PolicyEffect.Deny).Select(o => o.Applies));

        var resourceUnseen = input.ResourcePolicy is null && unseen.Contains(DenialLayer.ResourcePolicy);
        var identityAllow = input.IdentityPolicies is null ? Truth.Unknown : AllowIn(identity);
        var direct = resourceUnseen ? Truth.Unknown : AllowIn(resource, m => m is PrincipalMatch.Exact or PrincipalMatch.Everyone or PrincipalMatch.RoleOfSession);
        // Grants not limited by a boundary: the exact session/user ARN, or everyone; a session policy
        // yields only to a policy that "specifically references the session" (STS API Reference, AssumeRole: Policy).
        var notRole = principal.Type != RequestPrincipalType.Role;
        var exactOrEveryone = resourceUnseen ? Truth.Unknown : AllowIn(resource, m => notRole && m is PrincipalMatch.Exact or PrincipalMatch.Everyone);
        var exact = resourceUnseen ? Truth.Unknown : AllowIn(resource, m => notRole && m == PrincipalMatch.Exact);
        var account = resourceUnseen ? Truth.Unknown : AllowIn(resource, m => m == PrincipalMatch.Account);
        var sameAccount = principal.AccountId is null || context.ResourceAccount is null
            ? Truth.Unknown
            : TruthLogic.Of(principal.AccountId == context.ResourceAccount);

        var authoritative = IsKmsKey(context) || (IsRoleTrust(context) && (input.ResourcePolicy is not null || resourceUnseen));
        var coreSame = isService ? direct
            : authoritative ? direct.Or(account.And(identityAllow))
            : identityAllow.Or(direct);
        var coreCross = isService ? direct : identityAllow.And(direct.Or(account));
        var core = Choose(sameAccount, coreSame, coreCross);

        var boundaryOk = input.PermissionsBoundary is null || isService ? Truth.True : AllowIn(boundary).Or(sameAccount.And(exactOrEveryone));
        var sessionOk = input.SessionPolicy is null || isService ? Truth.True : AllowIn(session).Or(sameAccount.And(exact));
        var scpOk = TruthLogic.All(scpLevels.Select(l => AllowIn(l)));
        var allowed = core.And(scpOk).And(boundaryOk).And(sessionOk);

        var decision = explicitDeny switch
        {
            Truth.True => PolicyDecision.ExplicitDeny,
            Truth.False => allowed switch
            {
                Truth.True => PolicyDecision.Allowed,
                Truth.False => PolicyDecision.ImplicitDeny,
                _ => PolicyDecision.NotDeterminable,
            },
            _ => PolicyDecision.NotDeterminable,
        };
        var denied = explicitDeny.Or(allowed.Not());

        var statements = new List<StatementFinding>();
        DenialLayer? layer = null;
        switch (decision)
        {
            case PolicyDecision.ExplicitDeny:
                var denies = all.Where(o => o.Effect == PolicyEffect.Deny && o.Applies == Truth.True).ToList();
                statements.AddRange(denies.Select(o => Finding(o, decisive: true)));
                layer = denies[0].Reference.Layer;
                break;
            case PolicyDecision.Allowed:
                statements.AddRange(all.Where(o => o.Effect == PolicyEffect.Allow && o.Applies == Truth.True).Select(o => Finding(o, decisive: true)));
                break;
            case PolicyDecision.ImplicitDeny:
                layer = scpOk == Truth.False ? DenialLayer.ServiceControlPolicy
                    : core == Truth.False ? CoreLayer(isService, sameAccount, authoritative, identityAllow, direct.Or(account))
                    : boundaryOk == Truth.False ? DenialLayer.PermissionsBoundary
                    : DenialLayer.SessionPolicy;
                break;
            default:
                var hanging = all.Where(o => o.Applies == Truth.Unknown).ToList();
                statements.AddRange(hanging.Select(o => Finding(o, decisive: true)));
                layer = hanging.Count > 0 ? hanging[0].Reference.Layer : null;
                break;
        }

        if (decision != PolicyDecision.Allowed)
            statements.AddRange(all.Where(IsNearMiss).Select(o => Finding(o, decisive: false)));

        return new EvaluationResult(decision, denied, layer, statements, unseen.Order().ToList());
    }

    private static bool NotPrincipalStatement(SourcedPolicy policy, StatementOutcome outcome) =>
        policy.Document.Statements[outcome.Reference.Index!.Value].NotPrincipal is not null;

    /// <summary>The side that lacks the Allow: the resource policy for services, for a key or trust policy that grants nothing, and cross-account when the identity allows.</summary>
    private static DenialLayer CoreLayer(bool isService, Truth sameAccount, bool authoritative, Truth identityAllow, Truth resourceGrant)
    {
        if (isService) return DenialLayer.ResourcePolicy;
        if (sameAccount == Truth.True)
            return authoritative && resourceGrant == Truth.False ? DenialLayer.ResourcePolicy : DenialLayer.IdentityPolicy;
        return identityAllow == Truth.False ? DenialLayer.IdentityPolicy : DenialLayer.ResourcePolicy;
    }

    /// <summary>An Allow that failed on exactly one element (the condition keys count as one).</summary>
    private static bool IsNearMiss(StatementOutcome outcome)
    {
        if (outcome.Effect != PolicyEffect.Allow || outcome.Applies == Truth.True) return false;
        var elements = (outcome.ActionMatches ? 0 : 1) + (outcome.ResourceMatches == Truth.False ? 1 : 0)
                       + (outcome.PrincipalMatches ? 0 : 1) + (outcome.ConditionsHold == Truth.False ? 1 : 0);
        return elements == 1;
    }

    private static StatementFinding Finding(StatementOutcome outcome, bool decisive) =>
        new(outcome.Reference, outcome.Effect, decisive, decisive ? [] : outcome.Mismatch, outcome.UnknownConditionKeys);

    private static Truth Choose(Truth condition, Truth whenTrue, Truth whenFalse) => condition switch
    {
        Truth.True => whenTrue,
        Truth.False => whenFalse,
        _ => whenTrue == whenFalse ? whenTrue : Truth.Unknown,
    };

    private static Truth AllowIn(IEnumerable<StatementOutcome> outcomes, Func<PrincipalMatch, bool>? principal = null) =>
        TruthLogic.Any(outcomes.Where(o => o.Effect == PolicyEffect.Allow && (principal is null || principal(o.Principal))).Select(o => o.Applies));

    private static List<StatementOutcome> Outcomes(IEnumerable<SourcedPolicy>? policies, RequestContext context) =>
        policies is null ? [] : policies.SelectMany(p => p.Document.Statements.Select(s => StatementEvaluator.Evaluate(s, p.Document, p.Source, context))).ToList();

    private static bool IsKmsKey(RequestContext context) =>
        context.Action.StartsWith("kms:", StringComparison.OrdinalIgnoreCase) && context.Resource.StartsWith("arn:", StringComparison.Ordinal)
        && context.Resource.Split(':', 6) is { Length: 6 } parts && parts[2] == "kms" && parts[5].StartsWith("key/", StringComparison.Ordinal);

    private static bool IsRoleTrust(RequestContext context) =>
        context.Action.StartsWith("sts:AssumeRole", StringComparison.OrdinalIgnoreCase) || context.Action.Equals("sts:TagSession", StringComparison.OrdinalIgnoreCase);
}
