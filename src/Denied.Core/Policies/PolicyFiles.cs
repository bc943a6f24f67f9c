using Denied.Diagnostics;

namespace Denied.Policies;

/// <summary>
/// The policies a user handed over offline: the output of <c>aws iam get-account-authorization-details</c>, a
/// resource-policies file and an organization-policies file. A null part was not given, so its layers are unseen;
/// a given resource-policies file that lacks a resource's ARN says that resource has no policy. Policies read live
/// add the layers a refused or failed read left incomplete (<see cref="Unseen"/>) and say which reads those were
/// (<see cref="Notes"/>).
/// </summary>
public sealed record PolicyFiles(
    AuthorizationDetails? AuthorizationDetails,
    IReadOnlyDictionary<string, SourcedPolicy>? ResourcePolicies,
    OrganizationPolicies? OrganizationPolicies)
{
    /// <summary>The <c>evaluation.source</c> code of policies read from these files.</summary>
    public string Source { get; init; } = PolicyEvaluation.AuthorizationDetailsFileSource;

    /// <summary>
    /// Layers whose policies are incomplete although their part is given (a role whose inline policies could not be
    /// listed): the evaluation names them unseen. Empty by default.
    /// </summary>
    public IReadOnlySet<DenialLayer> Unseen { get; init; } = new HashSet<DenialLayer>();

    /// <summary>Notes added to the diagnosis evaluated against these policies (which reads failed, and why). Empty by default.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
