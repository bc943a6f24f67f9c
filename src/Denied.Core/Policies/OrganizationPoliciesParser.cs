using System.Text.Json;
using Denied.Iam;

namespace Denied.Policies;

/// <summary>
/// Reads an organization-policies file:
/// <c>{"policies":[{"id","arn","name","type","document","targets":[...]}],"accountPaths":{"111122223333":["r-abcd","ou-abcd-11111111"]}}</c>,
/// where <c>type</c> is SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY, <c>document</c> an object or a
/// JSON string (Organizations DescribePolicy returns it as a string), and each account's path runs from
/// the root down to its parent OU.
/// </summary>
public static class OrganizationPoliciesParser
{
    public static OrganizationPolicies Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new PolicyFormatException($"the organization-policies file is not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new PolicyFormatException("the organization-policies file must be a JSON object");
            var policies = new List<OrganizationPolicies.Policy>();
            if (root.TryGetProperty("policies", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array) throw new PolicyFormatException("policies must be an array");
                foreach (var p in list.EnumerateArray())
                {
                    var id = Text(p, "id", "a policy");
                    var where = $"policy {id}";
                    var type = Text(p, "type", where);
                    if (type is not (OrganizationPolicies.ServiceControlPolicy or OrganizationPolicies.ResourceControlPolicy))
                        throw new PolicyFormatException($"{where}: type must be SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY, not '{type}'");
                    if (!p.TryGetProperty("document", out var doc)) throw new PolicyFormatException($"{where} has no document");
                    if (!p.TryGetProperty("targets", out var targets) || targets.ValueKind != JsonValueKind.Array) throw new PolicyFormatException($"{where} needs a targets array");
                    policies.Add(new OrganizationPolicies.Policy(id, Text(p, "arn", where), Text(p, "name", where), type,
                        PolicyDocumentText.Parse(doc, where), targets.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString()! : throw new PolicyFormatException($"{where}: targets must be strings")).ToList()));
                }
            }

            var paths = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            if (root.TryGetProperty("accountPaths", out var accountPaths))
            {
                if (accountPaths.ValueKind != JsonValueKind.Object) throw new PolicyFormatException("accountPaths must be an object");
                foreach (var account in accountPaths.EnumerateObject())
                {
                    if (!AccountId.IsValid(account.Name)) throw new PolicyFormatException($"accountPaths: '{account.Name}' is not a 12-digit account ID");
                    if (account.Value.ValueKind != JsonValueKind.Array) throw new PolicyFormatException($"accountPaths {account.Name} must be an array");
                    var path = account.Value.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString()! : throw new PolicyFormatException($"accountPaths {account.Name} must hold strings")).ToList();
                    if (path.Count == 0 || !path[0].StartsWith("r-", StringComparison.Ordinal)) throw new PolicyFormatException($"accountPaths {account.Name} must start at the root (r-...)");
                    paths[account.Name] = path;
                }
            }

            return new OrganizationPolicies(policies, paths);
        }
    }

    private static string Text(JsonElement parent, string name, string where) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new PolicyFormatException($"{where} needs a string '{name}'");
}
