using System.Collections.Concurrent;

namespace Denied.AwsClients.Policies;

/// <summary>
/// The reads of one run, each made once: a role's policies (<see cref="PolicyCollector"/> for that role), a
/// resource's policy, an account's organization policies. A scan of a thousand findings of one role reads that role
/// once; a failed read is remembered as failed too (its outcome is the answer for the run, not retried per denial).
/// Safe for concurrent callers: a second caller of the same key awaits the first read.
/// </summary>
public sealed class PolicyReadCache(PolicyCollector collector, ResourcePolicyReader resources)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<PolicyCollection>>> _roles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<ResourcePolicyRead>>> _resources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<PolicyCollection>>> _accounts = new(StringComparer.Ordinal);

    /// <summary>The role's trust, inline, attached and boundary policies.</summary>
    public Task<PolicyCollection> RoleAsync(string roleArn, CancellationToken ct) =>
        _roles.GetOrAdd(roleArn, arn => new(() => collector.CollectAsync([arn], [], organization: false, ct))).Value;

    /// <summary>The resource's resource-based policy.</summary>
    public Task<ResourcePolicyRead> ResourceAsync(string resourceArn, CancellationToken ct) =>
        _resources.GetOrAdd(resourceArn, arn => new(() => resources.ReadAsync(arn, ct))).Value;

    /// <summary>The SCPs and RCPs from the organization root down to the account.</summary>
    public Task<PolicyCollection> OrganizationAsync(string account, CancellationToken ct) =>
        _accounts.GetOrAdd(account, a => new(() => collector.CollectOrganizationAsync([a], ct))).Value;
}
