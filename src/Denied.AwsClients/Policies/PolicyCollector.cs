using System.Text.Json.Nodes;

namespace Denied.AwsClients.Policies;

/// <summary>
/// Reads, with the caller's credentials, what decides a role's access: for each role its trust policy, inline
/// policies, attached managed policies and permissions boundary (the default version of each managed policy);
/// for each resource its resource-based policy; on request the SCPs and RCPs on the path from the organization
/// root to each role's account. Every read is recorded with its outcome, and a refused or failed read never stops
/// the others: the collection says what it could not see. A managed policy is read once per collector (one run),
/// however many roles attach it and however many collections are made. Tested against moto (IAM, S3, KMS, SQS,
/// SNS, Lambda, Secrets Manager, DynamoDB, Organizations).
/// </summary>
public sealed class PolicyCollector(IamPolicyClient iam, ResourcePolicyReader resources, OrganizationsPolicyClient organizations)
{
    private static readonly string[] OrganizationPolicyTypes = ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"];

    // Each managed policy's entry (null when its read failed) and the reads that made it, shared by every collection.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<(JsonObject? Entry, List<PolicyRead> Reads)>>> _managedReads =
        new(StringComparer.Ordinal);

    public async Task<PolicyCollection> CollectAsync(
        IReadOnlyList<string> roleArns, IReadOnlyList<string> resourceArns, bool organization, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(roleArns);
        ArgumentNullException.ThrowIfNull(resourceArns);
        var reads = new List<PolicyRead>();
        var roles = new JsonArray();
        var managed = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var roleArn in roleArns.Distinct(StringComparer.Ordinal))
        {
            roles.Add((JsonNode)await ReadRoleAsync(roleArn, managed, reads, ct).ConfigureAwait(false));
        }

        var details = new JsonObject { ["RoleDetailList"] = roles, ["Policies"] = new JsonArray([.. managed.Values]) };

        var resourcePolicies = new JsonObject();
        foreach (var arn in resourceArns.Distinct(StringComparer.Ordinal))
        {
            var read = await resources.ReadAsync(arn, ct).ConfigureAwait(false);
            reads.Add(read.Read);
            if (read.Document is not null)
            {
                resourcePolicies[read.PolicyArn] = read.Document;
            }
        }

        var accounts = roleArns.Select(AccountOf).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var orgPolicies = organization ? await ReadOrganizationAsync(accounts, reads, ct).ConfigureAwait(false) : null;
        return new PolicyCollection(details, resourcePolicies, orgPolicies, reads);
    }

    /// <summary>The SCPs and RCPs on the path from the root to each of <paramref name="accounts"/> (12-digit account IDs), with no role or resource.</summary>
    public async Task<PolicyCollection> CollectOrganizationAsync(IReadOnlyList<string> accounts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var reads = new List<PolicyRead>();
        var orgPolicies = await ReadOrganizationAsync(accounts.Distinct(StringComparer.Ordinal).ToList(), reads, ct).ConfigureAwait(false);
        return new PolicyCollection(new JsonObject { ["RoleDetailList"] = new JsonArray(), ["Policies"] = new JsonArray() }, new JsonObject(), orgPolicies, reads);
    }

    private async Task<JsonObject> ReadRoleAsync(string roleArn, Dictionary<string, JsonObject> managed, List<PolicyRead> reads, CancellationToken ct)
    {
        var (path, name) = RolePathAndName(roleArn);
        var entry = new JsonObject { ["Path"] = path, ["RoleName"] = name };
        IamRole? role = null;
        try
        {
            role = await iam.GetRoleAsync(name, roleArn, ct).ConfigureAwait(false);
            reads.Add(new PolicyRead("iam:GetRole", roleArn, null, PolicyReadOutcome.Read, null));
        }
        catch (Exception e) when (PolicyReadFailure.IsReadFailure(e))
        {
            reads.Add(PolicyReadFailure.Describe("iam:GetRole", roleArn, null, e));
        }

        // Without GetRole the id and trust policy stay out of the entry rather than being guessed.
        entry["Path"] = role?.Path ?? path;
        entry["RoleName"] = role?.RoleName ?? name;
        if (role is not null)
        {
            entry["RoleId"] = role.RoleId;
        }

        entry["Arn"] = role?.Arn ?? roleArn;
        if (role?.AssumeRolePolicyDocument is { } trust)
        {
            entry["AssumeRolePolicyDocument"] = trust;
        }

        entry["RolePolicyList"] = await ReadInlineAsync(name, roleArn, reads, ct).ConfigureAwait(false);
        var attached = new JsonArray();
        try
        {
            foreach (var policy in await iam.ListAttachedRolePoliciesAsync(name, roleArn, ct).ConfigureAwait(false))
            {
                attached.Add((JsonNode)new JsonObject { ["PolicyName"] = policy.PolicyName, ["PolicyArn"] = policy.PolicyArn });
                await ReadManagedAsync(policy.PolicyArn, managed, reads, ct).ConfigureAwait(false);
            }

            reads.Add(new PolicyRead("iam:ListAttachedRolePolicies", roleArn, null, PolicyReadOutcome.Read, null));
        }
        catch (Exception e) when (PolicyReadFailure.IsReadFailure(e))
        {
            reads.Add(PolicyReadFailure.Describe("iam:ListAttachedRolePolicies", roleArn, null, e));
        }

        entry["AttachedManagedPolicies"] = attached;
        if (role?.PermissionsBoundaryArn is { } boundary)
        {
            entry["PermissionsBoundary"] = new JsonObject { ["PermissionsBoundaryType"] = "Policy", ["PermissionsBoundaryArn"] = boundary };
            await ReadManagedAsync(boundary, managed, reads, ct).ConfigureAwait(false);
        }

        entry["Tags"] = new JsonArray([.. (role?.Tags ?? []).Select(t => new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]);
        return entry;
    }

    private async Task<JsonArray> ReadInlineAsync(string roleName, string roleArn, List<PolicyRead> reads, CancellationToken ct)
    {
        var list = new JsonArray();
        IReadOnlyList<string> names;
        try
        {
            names = await iam.ListRolePoliciesAsync(roleName, roleArn, ct).ConfigureAwait(false);
            reads.Add(new PolicyRead("iam:ListRolePolicies", roleArn, null, PolicyReadOutcome.Read, null));
        }
        catch (Exception e) when (PolicyReadFailure.IsReadFailure(e))
        {
            reads.Add(PolicyReadFailure.Describe("iam:ListRolePolicies", roleArn, null, e));
            return list;
        }

        foreach (var policyName in names)
        {
            try
            {
                var document = await iam.GetRolePolicyAsync(roleName, roleArn, policyName, ct).ConfigureAwait(false);
                list.Add((JsonNode)new JsonObject { ["PolicyName"] = policyName, ["PolicyDocument"] = document });
                reads.Add(new PolicyRead("iam:GetRolePolicy", roleArn, policyName, PolicyReadOutcome.Read, null));
            }
            catch (Exception e) when (PolicyReadFailure.IsReadFailure(e))
            {
                reads.Add(PolicyReadFailure.Describe("iam:GetRolePolicy", roleArn, policyName, e));
            }
        }

        return list;
    }

    private async Task ReadManagedAsync(string policyArn, Dictionary<string, JsonObject> managed, List<PolicyRead> reads, CancellationToken ct)
    {
        if (managed.ContainsKey(policyArn) || reads.Any(r => r.Read == "iam:GetPolicy" && r.Arn == policyArn))
        {
            return; // attached to several roles, or both attached and the boundary: read once
        }

        var done = await _managedReads.GetOrAdd(policyArn, arn => new(async () =>
        {
            var own = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            var made = new List<PolicyRead>();
            await ReadManagedOnceAsync(arn, own, made, ct).ConfigureAwait(false);
            return (own.GetValueOrDefault(arn), made);
        })).Value.ConfigureAwait(false);
        reads.AddRange(done.Reads);
        if (done.Entry is { } entry)
        {
            managed[policyArn] = (JsonObject)entry.DeepClone(); // each collection owns its nodes (a JsonNode has one parent)
        }
    }

    private async Task ReadManagedOnceAsync(string policyArn, Dictionary<string, JsonObject> managed, List<PolicyRead> reads, CancellationToken ct)
    {
        var read = "iam:GetPolicy";
        try
        {
            var policy = await iam.GetPolicyAsync(policyArn, ct).ConfigureAwait(false);
            reads.Add(new PolicyRead(read, policyArn, null, PolicyReadOutcome.Read, null));
            read = "iam:GetPolicyVersion";
            var document = await iam.GetPolicyVersionAsync(policyArn, policy.DefaultVersionId, ct).ConfigureAwait(false);
            reads.Add(new PolicyRead(read, policyArn, policy.DefaultVersionId, PolicyReadOutcome.Read, null));
            managed[policyArn] = new JsonObject
            {
                ["PolicyName"] = policy.PolicyName,
                ["PolicyId"] = policy.PolicyId,
                ["Arn"] = policy.Arn,
                ["Path"] = policy.Path,
                ["DefaultVersionId"] = policy.DefaultVersionId,
                ["PolicyVersionList"] = new JsonArray(new JsonObject
                {
                    ["Document"] = document,
                    ["VersionId"] = policy.DefaultVersionId,
                    ["IsDefaultVersion"] = true,
                }),
            };
        }
        catch (Exception e) when (PolicyReadFailure.IsReadFailure(e))
        {
            reads.Add(PolicyReadFailure.Describe(read, policyArn, null, e));
        }
    }

    private async Task<JsonObject> ReadOrganizationAsync(IReadOnlyList<string> accounts, List<PolicyRead> reads, CancellationToken ct)
    {
        var paths = new JsonObject();
        var targetsByPolicy = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var account in accounts)
        {
            var path = await ReadPathAsync(account, reads, ct).ConfigureAwait(false);
            if (path is null)
            {
                continue;
            }

            paths[account] = new JsonArray([.. path.Select(p => (JsonNode)p)]);
            foreach (var target in path.Append(account))
            {
                foreach (var type in OrganizationPolicyTypes)
                {
                    try
                    {
                        foreach (var id in await organizations.ListPoliciesForTargetAsync(target, type, ct).ConfigureAwait(false))
                        {
                            var targets = targetsByPolicy.TryGetValue(id, out var t) ? t : targetsByPolicy[id] = [];
                            if (!targets.Contains(target))
                            {
                                targets.Add(target);
                            }
                        }

                        reads.Add(new PolicyRead("organizations:ListPoliciesForTarget", target, type, PolicyReadOutcome.Read, null));
                    }
                    catch (Exception e) when (PolicyReadFailure.IsReadFailure(e))
                    {
                        reads.Add(PolicyReadFailure.Describe("organizations:ListPoliciesForTarget", target, type, e));
                    }
                }
            }
        }

        var policies = new JsonArray();
        foreach (var (id, targets) in targetsByPolicy)
        {
            try
            {
                var policy = await organizations.DescribePolicyAsync(id, ct).ConfigureAwait(false);
                reads.Add(new PolicyRead("organizations:DescribePolicy", policy.Arn, id, PolicyReadOutcome.Read, null));
                policies.Add((JsonNode)new JsonObject
                {
                    ["id"] = policy.Id,
                    ["arn"] = policy.Arn,
                    ["name"] = policy.Name,
                    ["type"] = policy.Type,
                    ["document"] = policy.Document,
                    ["targets"] = new JsonArray([.. targets.Select(t => (JsonNode)t)]),
                });
            }
            catch (Exception e) when (PolicyReadFailure.IsReadFailure(e))
            {
                reads.Add(PolicyReadFailure.Describe("organizations:DescribePolicy", id, id, e));
            }
        }

        return new JsonObject { ["policies"] = policies, ["accountPaths"] = paths };
    }

    /// <summary>Root first, down to the account's parent OU; null when a ListParents call failed.</summary>
    private async Task<List<string>?> ReadPathAsync(string account, List<PolicyRead> reads, CancellationToken ct)
    {
        var path = new List<string>();
        var child = account;
        // An organization is at most five OUs deep under the root (AWS Organizations quotas), so seven steps end it.
        for (var depth = 0; depth < 7; depth++)
        {
            IReadOnlyList<OrganizationsParent> parents;
            try
            {
                parents = await organizations.ListParentsAsync(child, ct).ConfigureAwait(false);
                reads.Add(new PolicyRead("organizations:ListParents", child, null, PolicyReadOutcome.Read, null));
            }
            catch (Exception e) when (PolicyReadFailure.IsReadFailure(e))
            {
                reads.Add(PolicyReadFailure.Describe("organizations:ListParents", child, null, e));
                return null;
            }

            if (parents.Count != 1)
            {
                reads.Add(new PolicyRead("organizations:ListParents", child, null, PolicyReadOutcome.Failed, $"expected one parent, got {parents.Count}"));
                return null;
            }

            path.Insert(0, parents[0].Id);
            if (parents[0].Type == "ROOT")
            {
                return path;
            }

            child = parents[0].Id;
        }

        reads.Add(new PolicyRead("organizations:ListParents", account, null, PolicyReadOutcome.Failed, "no root within seven levels"));
        return null;
    }

    /// <summary>arn:aws:iam::111122223333:role/path/name → ("/path/", "name").</summary>
    internal static (string Path, string Name) RolePathAndName(string roleArn)
    {
        var resource = roleArn.Split(':', 6) is { Length: 6 } p ? p[5] : roleArn;
        var afterType = resource.StartsWith("role/", StringComparison.Ordinal) ? resource["role/".Length..] : resource;
        var slash = afterType.LastIndexOf('/');
        return slash < 0 ? ("/", afterType) : ("/" + afterType[..(slash + 1)], afterType[(slash + 1)..]);
    }

    private static string? AccountOf(string arn) => arn.Split(':', 6) is { Length: 6 } p && p[4].Length == 12 ? p[4] : null;
}
