using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Policies;

namespace Denied.AwsClients.Policies;

/// <summary>
/// Where the policies one denial is evaluated against come from (policies read live, the IAM Access
/// Troubleshooter's record of the request): the seam a caller tries its sources through, most exact first
/// (<see cref="FirstPolicySource"/>).
/// </summary>
public interface DenialPolicySource
{
    /// <summary>
    /// The policies to evaluate this denial against (<paramref name="diagnosis"/> made without policies), or null
    /// when this source has nothing for it, so the next source is tried. A read that fails is in the result
    /// (<see cref="PolicyFiles.Unseen"/>, <see cref="PolicyFiles.Notes"/>), never thrown.
    /// </summary>
    Task<PolicyFiles?> PoliciesForAsync(CloudTrailRecord record, Diagnosis diagnosis, CancellationToken ct);
}
