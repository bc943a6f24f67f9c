using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Policies;

namespace Denied.AwsClients.Policies;

/// <summary>The first of several sources that has policies for a denial, tried in the order given.</summary>
public sealed class FirstPolicySource(params DenialPolicySource[] sources) : DenialPolicySource
{
    public async Task<PolicyFiles?> PoliciesForAsync(CloudTrailRecord record, Diagnosis diagnosis, CancellationToken ct)
    {
        foreach (var source in sources)
        {
            if (await source.PoliciesForAsync(record, diagnosis, ct).ConfigureAwait(false) is { } policies)
            {
                return policies;
            }
        }

        return null;
    }
}
