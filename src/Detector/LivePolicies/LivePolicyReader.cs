using Denied.AwsClients.Policies;
using Denied.Policies;
using AuthorizationDetails = Denied.Policies.AuthorizationDetails;

namespace Denied.Detector.LivePolicies;

/// <summary>
/// Reads, with the Detector's own role, the policies that decide one role's or one resource's part of a request. A
/// refused or failed read is in the result, never thrown; only the caller's cancellation is.
/// </summary>
public interface LivePolicyReader
{
    Task<LiveRolePolicies> ReadRoleAsync(string roleArn, CancellationToken ct);

    Task<LiveResourcePolicy> ReadResourceAsync(string resourceArn, CancellationToken ct);
}

/// <summary>
/// One role's policies as read: <see cref="Details"/> holds the role (identity policies, boundary, trust policy) or is
/// null when a read the identity layer needs (GetRole, the inline or attached policy lists, an inline policy) did not
/// return, since a partial list would pass for "no such Allow". A managed policy whose document could not be read is
/// left out of <see cref="Details"/>, which the evaluation reports as an unseen layer. <see cref="Failures"/> names
/// every read that did not return a document; <see cref="Calls"/> counts the API calls made.
/// </summary>
public sealed record LiveRolePolicies(AuthorizationDetails? Details, IReadOnlyList<PolicyRead> Failures, int Calls);

/// <summary>
/// One resource's policy as read: the ARN that holds it (the bucket of an object), the policy (null when the
/// resource has none or the read did not return), and the read itself.
/// </summary>
public sealed record LiveResourcePolicy(string PolicyArn, SourcedPolicy? Policy, PolicyRead Read)
{
    /// <summary>Whether the resource's policy is known: read, or known to be absent.</summary>
    public bool Known => Read.Outcome is PolicyReadOutcome.Read or PolicyReadOutcome.Absent;
}
