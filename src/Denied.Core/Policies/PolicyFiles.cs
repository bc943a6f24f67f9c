namespace Denied.Policies;

/// <summary>
/// The policies a user handed over offline: the output of <c>aws iam get-account-authorization-details</c>, a
/// resource-policies file and an organization-policies file. A null part was not given, so its layers are unseen;
/// a given resource-policies file that lacks a resource's ARN says that resource has no policy.
/// </summary>
public sealed record PolicyFiles(
    AuthorizationDetails? AuthorizationDetails,
    IReadOnlyDictionary<string, SourcedPolicy>? ResourcePolicies,
    OrganizationPolicies? OrganizationPolicies)
{
    /// <summary>The <c>evaluation.source</c> code of policies read from these files.</summary>
    public string Source { get; init; } = PolicyEvaluation.AuthorizationDetailsFileSource;
}
