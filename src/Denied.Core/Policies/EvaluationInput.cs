using Denied.Diagnostics;

namespace Denied.Policies;

/// <summary>
/// The policies that bear on one request. A null <see cref="IdentityPolicies"/> means they could not be
/// read. <see cref="PermissionsBoundary"/>, <see cref="SessionPolicy"/> and <see cref="ResourcePolicy"/>
/// are null when there is none; an empty SCP list means the account is in no organization (or the
/// management account, which SCPs do not restrict). <see cref="Unseen"/> names the layers that may
/// exist but could not be read: guardrail layers there (SCP, RCP, boundary, session, VPC endpoint)
/// are assumed not to stand in the way and are reported; an unseen resource policy leaves its grant unknown.
/// </summary>
public sealed record EvaluationInput(
    IReadOnlyList<SourcedPolicy>? IdentityPolicies,
    SourcedPolicy? PermissionsBoundary = null,
    SourcedPolicy? SessionPolicy = null,
    SourcedPolicy? ResourcePolicy = null,
    IReadOnlyList<OrganizationLevel>? ServiceControlPolicies = null,
    IReadOnlyList<OrganizationLevel>? ResourceControlPolicies = null,
    IReadOnlySet<DenialLayer>? Unseen = null);
