using Denied.Diagnostics;

namespace Denied.Policies;

/// <summary>
/// The parsed output of <c>aws iam get-account-authorization-details</c>: roles by ARN and the default
/// version of each managed policy by ARN.
/// </summary>
public sealed class AuthorizationDetails(IReadOnlyDictionary<string, AuthorizationDetails.Role> roles, IReadOnlyDictionary<string, PolicyDocument> managedPolicies)
{
    public sealed record Role(
        string Arn,
        string Name,
        PolicyDocument? TrustPolicy,
        IReadOnlyList<(string Name, PolicyDocument Document)> InlinePolicies,
        IReadOnlyList<string> AttachedPolicyArns,
        string? PermissionsBoundaryArn);

    public IReadOnlyDictionary<string, Role> Roles => roles;

    public IReadOnlyDictionary<string, PolicyDocument> ManagedPolicies => managedPolicies;

    /// <summary>
    /// The policies of the role with this ARN (with its path) or, when only a session's role name is known,
    /// of the one role with that name; null when the file has no such role.
    /// </summary>
    public RolePolicies? ForRole(string roleArn)
    {
        if (!roles.TryGetValue(roleArn, out var role))
        {
            var name = roleArn[(roleArn.LastIndexOf('/') + 1)..];
            var byName = roles.Values.Where(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (byName.Count != 1) return null;
            role = byName[0];
        }

        var identity = new List<SourcedPolicy>();
        var missing = new List<string>();
        foreach (var (name, document) in role.InlinePolicies)
            identity.Add(new SourcedPolicy(new PolicySource(DenialLayer.IdentityPolicy, PolicyName: name), document));
        foreach (var arn in role.AttachedPolicyArns)
        {
            if (managedPolicies.TryGetValue(arn, out var document)) identity.Add(new SourcedPolicy(new PolicySource(DenialLayer.IdentityPolicy, PolicyArn: arn), document));
            else missing.Add(arn);
        }

        SourcedPolicy? boundary = null;
        if (role.PermissionsBoundaryArn is { } boundaryArn)
        {
            if (managedPolicies.TryGetValue(boundaryArn, out var document)) boundary = new SourcedPolicy(new PolicySource(DenialLayer.PermissionsBoundary, PolicyArn: boundaryArn), document);
            else missing.Add(boundaryArn);
        }

        var trust = role.TrustPolicy is null ? null : new SourcedPolicy(new PolicySource(DenialLayer.ResourcePolicy, ResourceArn: role.Arn), role.TrustPolicy);
        return new RolePolicies(role.Arn, identity, boundary, trust, missing);
    }
}
