using System.Text.Json.Nodes;
using Denied.AwsClients.Policies;
using Denied.Policies;
using AuthorizationDetails = Denied.Policies.AuthorizationDetails;

namespace Denied.Detector.LivePolicies;

/// <summary>
/// <see cref="LivePolicyReader"/> over the shared readers: <see cref="PolicyCollector"/> for a role (no organization
/// reads: the Detector reads no SCPs or RCPs) and <see cref="ResourcePolicyReader"/> for a resource, their output
/// parsed by the same parsers as the offline files. A call that times out is a failed read. Tested against moto in
/// Detector.Tests (LivePolicyDiagnosisTests).
/// </summary>
public sealed class CollectorPolicyReader(PolicyCollector collector, ResourcePolicyReader resources) : LivePolicyReader
{
    // The reads whose failure leaves the role's identity policies or boundary unknown, rather than one document missing.
    private static readonly HashSet<string> IdentityListReads = new(StringComparer.Ordinal)
    {
        "iam:GetRole", "iam:ListRolePolicies", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies",
    };

    public async Task<LiveRolePolicies> ReadRoleAsync(string roleArn, CancellationToken ct)
    {
        PolicyCollection collection;
        try
        {
            collection = await collector.CollectAsync([roleArn], [], organization: false, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            return new LiveRolePolicies(null, [new PolicyRead("iam:GetRole", roleArn, null, PolicyReadOutcome.Failed, "timed out: " + e.Message)], 1);
        }

        var failures = collection.Reads.Where(r => r.Outcome is PolicyReadOutcome.Refused or PolicyReadOutcome.Failed).ToList();
        if (failures.Any(f => IdentityListReads.Contains(f.Read)))
        {
            return new LiveRolePolicies(null, failures, collection.Reads.Count);
        }

        try
        {
            return new LiveRolePolicies(AuthorizationDetailsParser.Parse(collection.AuthorizationDetails.ToJsonString()), failures, collection.Reads.Count);
        }
        catch (PolicyFormatException e)
        {
            return new LiveRolePolicies(null, [.. failures, new PolicyRead("iam:GetRole", roleArn, null, PolicyReadOutcome.Failed, e.Message)], collection.Reads.Count);
        }
    }

    public async Task<LiveResourcePolicy> ReadResourceAsync(string resourceArn, CancellationToken ct)
    {
        ResourcePolicyRead read;
        try
        {
            read = await resources.ReadAsync(resourceArn, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            return new LiveResourcePolicy(resourceArn, null, new PolicyRead("unknown", resourceArn, null, PolicyReadOutcome.Failed, "timed out: " + e.Message));
        }

        if (read.Document is not { } document)
        {
            return new LiveResourcePolicy(read.PolicyArn, null, read.Read);
        }

        try
        {
            var parsed = ResourcePoliciesParser.Parse(new JsonObject { [read.PolicyArn] = document.DeepClone() }.ToJsonString());
            return new LiveResourcePolicy(read.PolicyArn, parsed[read.PolicyArn], read.Read);
        }
        catch (PolicyFormatException e)
        {
            return new LiveResourcePolicy(read.PolicyArn, null, read.Read with { Outcome = PolicyReadOutcome.Failed, Reason = e.Message });
        }
    }
}
