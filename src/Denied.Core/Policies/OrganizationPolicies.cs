using Denied.Diagnostics;

namespace Denied.Policies;

/// <summary>
/// SCPs and RCPs with their targets, and each account's path in the organization (root first, down to
/// its parent OU). <see cref="LevelsFor"/> gives the evaluation's levels: the root, each OU, the account.
/// </summary>
public sealed class OrganizationPolicies(IReadOnlyList<OrganizationPolicies.Policy> policies, IReadOnlyDictionary<string, IReadOnlyList<string>> accountPaths)
{
    public const string ServiceControlPolicy = "SERVICE_CONTROL_POLICY";
    public const string ResourceControlPolicy = "RESOURCE_CONTROL_POLICY";

    public sealed record Policy(string Id, string Arn, string Name, string Type, PolicyDocument Document, IReadOnlyList<string> Targets);

    public IReadOnlyList<Policy> Policies => policies;

    public IReadOnlyDictionary<string, IReadOnlyList<string>> AccountPaths => accountPaths;

    /// <summary>The levels above and at <paramref name="accountId"/> with the policies of <paramref name="type"/> attached there; null when the file does not place the account.</summary>
    public IReadOnlyList<OrganizationLevel>? LevelsFor(string accountId, string type)
    {
        if (!accountPaths.TryGetValue(accountId, out var path)) return null;
        var layer = type == ServiceControlPolicy ? DenialLayer.ServiceControlPolicy : DenialLayer.ResourceControlPolicy;
        return path.Append(accountId)
            .Select(target => new OrganizationLevel(target, policies
                .Where(p => p.Type == type && p.Targets.Contains(target, StringComparer.Ordinal))
                .Select(p => new SourcedPolicy(new PolicySource(layer, PolicyArn: p.Arn, PolicyName: p.Name), p.Document))
                .ToList()))
            .ToList();
    }
}
