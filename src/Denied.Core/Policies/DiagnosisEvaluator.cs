using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Remediation;

namespace Denied.Policies;

/// <summary>
/// Evaluates a diagnosed denial against the policies at hand: the denied role's identity policies and boundary,
/// the resource's policy (a role's trust policy when Lambda could not assume it), and the SCPs/RCPs of the
/// accounts involved. Every layer the policies do not cover is named in <c>unseen</c>; null when the record gives
/// no request to evaluate (no action, resource or principal).
/// </summary>
public static class DiagnosisEvaluator
{
    private const string LambdaService = "lambda.amazonaws.com";

    /// <summary>The evaluation and the policies it read (to name statements in notes), or null when there is no request to evaluate.</summary>
    public static (PolicyEvaluation Evaluation, IReadOnlyList<SourcedPolicy> Read)? Evaluate(CloudTrailRecord record, FixRequest request, PrincipalKind callerKind, PolicyFiles files)
    {
        if (request.Action is not { } action || request.Resource is not { Length: > 0 } resource || resource == "*" && request.IsTrustPolicyRejection)
        {
            return null;
        }

        var unseen = new HashSet<DenialLayer>();
        var read = new List<SourcedPolicy>();
        RequestContext? context;
        EvaluationInput input;
        if (request.IsTrustPolicyRejection)
        {
            // Lambda assumes the role itself: the trust policy must allow lambda.amazonaws.com sts:AssumeRole
            // (IAM User Guide, "Roles terms and concepts": trust policy). A service principal has no identity policies.
            context = new RequestContext(new RequestPrincipal(RequestPrincipalType.Service, LambdaService, null), "sts:AssumeRole", resource, AccountOf(resource), [], complete: false);
            var trust = files.AuthorizationDetails?.ForRole(resource)?.TrustPolicy;
            if (trust is null) unseen.Add(DenialLayer.ResourcePolicy);
            else read.Add(trust);
            input = new EvaluationInput([], ResourcePolicy: trust, Unseen: unseen);
        }
        else
        {
            var resourceAccount = request.ResourceAccount ?? AccountOf(resource);
            context = RequestContextFromRecord.Build(record, action, resource, resourceAccount);
            if (context is null) return null;
            input = Input(record, request, callerKind, files, context, unseen, read);
        }

        var result = PolicyEvaluator.Evaluate(input, context);
        return (new PolicyEvaluation(files.Source, result), read);
    }

    /// <summary>
    /// The near-miss Allows among identity policies read elsewhere (the documents the IAM Access Troubleshooter captured)
    /// for the denied request: Allows that fail on one element only. None when the record gives no request to evaluate.
    /// </summary>
    public static IReadOnlyList<StatementFinding> IdentityNearMisses(CloudTrailRecord record, FixRequest request, IReadOnlyList<SourcedPolicy> identityPolicies)
    {
        if (request.Action is not { } action || request.Resource is not { Length: > 0 } resource || request.IsTrustPolicyRejection) return [];
        var context = RequestContextFromRecord.Build(record, action, resource, request.ResourceAccount ?? AccountOf(resource));
        return context is null ? [] : PolicyEvaluator.Evaluate(new EvaluationInput(identityPolicies), context).Statements.Where(s => !s.Decisive).ToList();
    }

    private static EvaluationInput Input(CloudTrailRecord record, FixRequest request, PrincipalKind callerKind, PolicyFiles files, RequestContext context, HashSet<DenialLayer> unseen, List<SourcedPolicy> read)
    {
        // A live read that failed leaves its layer incomplete even though the role or organization was read.
        unseen.UnionWith(files.Unseen);
        IReadOnlyList<SourcedPolicy>? identity = null;
        SourcedPolicy? boundary = null;
        var roleArn = context.Principal.RoleArn ?? request.RoleArn;
        if (roleArn is not null && files.AuthorizationDetails?.ForRole(roleArn) is { } role)
        {
            identity = role.IdentityPolicies;
            boundary = role.PermissionsBoundary;
            // An attached policy whose document the file lacks (AWS managed policies are left out by the CLI's
            // default filter) may hold the Allow or a Deny: that layer is incomplete.
            var boundaryArn = files.AuthorizationDetails.Roles.TryGetValue(role.RoleArn, out var details) ? details.PermissionsBoundaryArn : null;
            if (boundaryArn is not null && boundary is null) unseen.Add(DenialLayer.PermissionsBoundary);
            if (role.MissingPolicyArns.Any(a => a != boundaryArn)) unseen.Add(DenialLayer.IdentityPolicy);
            read.AddRange(identity);
            if (boundary is not null) read.Add(boundary);
        }
        else
        {
            unseen.Add(DenialLayer.IdentityPolicy);
            unseen.Add(DenialLayer.PermissionsBoundary);
        }

        // A Lambda execution role's session is made by Lambda without a session policy; other sessions may carry one.
        if (callerKind != PrincipalKind.LambdaExecutionRole && context.Principal.Type is RequestPrincipalType.AssumedRole or RequestPrincipalType.FederatedUser) unseen.Add(DenialLayer.SessionPolicy);

        SourcedPolicy? resourcePolicy = null;
        if (files.ResourcePolicies is null) unseen.Add(DenialLayer.ResourcePolicy);
        else if (PolicyOf(files.ResourcePolicies, context.Resource) is { } found)
        {
            resourcePolicy = found;
            read.Add(found);
        }

        IReadOnlyList<OrganizationLevel>? scps = null, rcps = null;
        if (files.OrganizationPolicies is { } organization)
        {
            scps = context.Principal.AccountId is { } principalAccount ? organization.LevelsFor(principalAccount, OrganizationPolicies.ServiceControlPolicy) : null;
            // RCPs attach to the resource owner's account; an S3 ARN names none unless the record's resources[] does.
            rcps = context.ResourceAccount is { } resourceAccount ? organization.LevelsFor(resourceAccount, OrganizationPolicies.ResourceControlPolicy) : null;
        }

        if (scps is null) unseen.Add(DenialLayer.ServiceControlPolicy);
        else read.AddRange(scps.SelectMany(l => l.Policies));
        if (rcps is null) unseen.Add(DenialLayer.ResourceControlPolicy);
        else read.AddRange(rcps.SelectMany(l => l.Policies));

        // A call through an interface endpoint is also subject to the endpoint's policy, which no file gives.
        if (!string.IsNullOrEmpty(record.VpcEndpointId)) unseen.Add(DenialLayer.VpcEndpointPolicy);
        return new EvaluationInput(identity, boundary, null, resourcePolicy, scps, rcps, unseen);
    }

    /// <summary>The policy listed for the resource itself, or for the resource that contains it (an object's bucket, a function version's function).</summary>
    private static SourcedPolicy? PolicyOf(IReadOnlyDictionary<string, SourcedPolicy> policies, string resource)
    {
        if (policies.TryGetValue(resource, out var exact)) return exact;
        return policies.Where(p => resource.StartsWith(p.Key + "/", StringComparison.Ordinal) || resource.StartsWith(p.Key + ":", StringComparison.Ordinal))
            .OrderByDescending(p => p.Key.Length).Select(p => p.Value).FirstOrDefault();
    }

    private static string? AccountOf(string arn) =>
        arn.Split(':', 6) is { Length: 6 } parts && parts[4].Length == 12 && parts[4].All(char.IsAsciiDigit) ? parts[4] : null;
}
