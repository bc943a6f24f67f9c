namespace Denied.Policies;

/// <summary>
/// What an authorization-details file says about one role: its identity policies (inline and attached),
/// its permissions boundary (null when none is attached), its trust policy, and the attached managed
/// policies whose documents the file lacks (the identity layer is then incomplete).
/// </summary>
public sealed record RolePolicies(
    string RoleArn,
    IReadOnlyList<SourcedPolicy> IdentityPolicies,
    SourcedPolicy? PermissionsBoundary,
    SourcedPolicy? TrustPolicy,
    IReadOnlyList<string> MissingPolicyArns);
