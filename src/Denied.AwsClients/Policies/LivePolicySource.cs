using System.Text.Json.Nodes;
using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Policies;

namespace Denied.AwsClients.Policies;

/// <summary>
/// Policies read live for one denial, with the caller's credentials: what <see cref="PolicyReadPlan"/> names, each
/// role, resource and account read once per run through <paramref name="reads"/>, joined into one
/// <see cref="PolicyCollection"/> and turned into <see cref="PolicyFiles"/> with source "live"
/// (<see cref="LivePolicyFiles"/>). Tested against moto through `denied explain --read-policies`.
/// </summary>
public sealed class LivePolicySource(PolicyReadCache reads) : DenialPolicySource
{
    public async Task<PolicyFiles?> PoliciesForAsync(CloudTrailRecord record, Diagnosis diagnosis, CancellationToken ct)
    {
        if (PolicyReadPlan.For(diagnosis) is not { } plan)
        {
            return null;
        }

        var collection = await CollectAsync(plan, ct).ConfigureAwait(false);
        var files = LivePolicyFiles.From(collection);
        return files with { Notes = [.. plan.Notes, .. files.Notes] };
    }

    /// <summary>Everything the plan names, as one collection (the role's, the resource's and the accounts' reads together).</summary>
    public async Task<PolicyCollection> CollectAsync(PolicyReadPlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var all = new List<PolicyRead>();
        var details = new JsonObject { ["RoleDetailList"] = new JsonArray(), ["Policies"] = new JsonArray() };
        if (plan.RoleArn is { } roleArn)
        {
            var role = await reads.RoleAsync(roleArn, ct).ConfigureAwait(false);
            details = (JsonObject)role.AuthorizationDetails.DeepClone();
            all.AddRange(role.Reads);
        }

        var resourcePolicies = new JsonObject();
        if (plan.ResourceArn is { } resourceArn)
        {
            var resource = await reads.ResourceAsync(resourceArn, ct).ConfigureAwait(false);
            all.Add(resource.Read);
            if (resource.Document is { } document)
            {
                resourcePolicies[resource.PolicyArn] = document.DeepClone();
            }
        }

        JsonObject? organization = null;
        foreach (var account in plan.Accounts)
        {
            var levels = await reads.OrganizationAsync(account, ct).ConfigureAwait(false);
            all.AddRange(levels.Reads);
            organization = Merge(organization, levels.OrganizationPolicies);
        }

        return new PolicyCollection(details, resourcePolicies, organization, all);
    }

    /// <summary>Two organization-policies objects as one: each policy once with the targets of both, each account's path.</summary>
    private static JsonObject? Merge(JsonObject? into, JsonObject? from)
    {
        if (from is null) return into;
        if (into is null) return (JsonObject)from.DeepClone();
        var policies = into["policies"]!.AsArray();
        foreach (var policy in from["policies"]!.AsArray().OfType<JsonObject>())
        {
            var id = (string?)policy["id"];
            if (policies.OfType<JsonObject>().FirstOrDefault(p => (string?)p["id"] == id) is not { } known)
            {
                policies.Add(policy.DeepClone());
                continue;
            }

            var targets = known["targets"]!.AsArray();
            foreach (var target in policy["targets"]!.AsArray().Select(t => (string?)t).Where(t => !targets.Any(k => (string?)k == t)))
            {
                targets.Add((JsonNode?)JsonValue.Create(target));
            }
        }

        var paths = into["accountPaths"]!.AsObject();
        foreach (var (account, path) in from["accountPaths"]!.AsObject())
        {
            paths[account] ??= path?.DeepClone();
        }

        return into;
    }
}
