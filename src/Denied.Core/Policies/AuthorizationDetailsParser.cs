using System.Text.Json;

namespace Denied.Policies;

/// <summary>
/// Reads <c>aws iam get-account-authorization-details</c> output (IAM API Reference,
/// GetAccountAuthorizationDetails): <c>RoleDetailList</c> with <c>RolePolicyList</c>,
/// <c>AttachedManagedPolicies</c>, <c>PermissionsBoundary</c> and <c>AssumeRolePolicyDocument</c>;
/// <c>Policies</c> with <c>PolicyVersionList</c>, of which the <c>IsDefaultVersion</c> one is in force.
/// Documents may be objects (AWS CLI) or URL-encoded strings (raw API). Bad input throws
/// <see cref="PolicyFormatException"/> naming the role or policy.
/// </summary>
public static class AuthorizationDetailsParser
{
    public static AuthorizationDetails Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new PolicyFormatException($"the authorization-details file is not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new PolicyFormatException("the authorization-details file must be a JSON object");
            var roles = new Dictionary<string, AuthorizationDetails.Role>(StringComparer.Ordinal);
            foreach (var role in Array(root, "RoleDetailList"))
            {
                var arn = Text(role, "Arn") ?? throw new PolicyFormatException("a role in RoleDetailList has no Arn");
                var name = Text(role, "RoleName") ?? arn[(arn.LastIndexOf('/') + 1)..];
                var trust = role.TryGetProperty("AssumeRolePolicyDocument", out var trustDoc) ? PolicyDocumentText.Parse(trustDoc, $"role {arn} AssumeRolePolicyDocument") : null;
                var inline = Array(role, "RolePolicyList")
                    .Select(p => (Text(p, "PolicyName") ?? throw new PolicyFormatException($"role {arn} has an inline policy without PolicyName"), p))
                    .Select(x => (x.Item1, PolicyDocumentText.Parse(Property(x.p, "PolicyDocument", $"role {arn} policy {x.Item1}"), $"role {arn} inline policy {x.Item1}")))
                    .ToList();
                var attached = Array(role, "AttachedManagedPolicies").Select(p => Text(p, "PolicyArn")).OfType<string>().ToList();
                var boundary = role.TryGetProperty("PermissionsBoundary", out var b) && b.ValueKind == JsonValueKind.Object ? Text(b, "PermissionsBoundaryArn") : null;
                roles[arn] = new AuthorizationDetails.Role(arn, name, trust, inline, attached, boundary);
            }

            var managed = new Dictionary<string, PolicyDocument>(StringComparer.Ordinal);
            foreach (var policy in Array(root, "Policies"))
            {
                var arn = Text(policy, "Arn") ?? throw new PolicyFormatException("a policy in Policies has no Arn");
                var current = Array(policy, "PolicyVersionList").Where(v => v.TryGetProperty("IsDefaultVersion", out var d) && d.ValueKind == JsonValueKind.True).ToList();
                if (current.Count != 1) throw new PolicyFormatException($"policy {arn} needs exactly one version with IsDefaultVersion true, found {current.Count}");
                managed[arn] = PolicyDocumentText.Parse(Property(current[0], "Document", $"policy {arn} default version"), $"policy {arn}");
            }

            return new AuthorizationDetails(roles, managed);
        }
    }

    private static IEnumerable<JsonElement> Array(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind != JsonValueKind.Array) throw new PolicyFormatException($"{name} must be an array");
        return value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object ? e : throw new PolicyFormatException($"{name} must hold objects")).ToList();
    }

    private static JsonElement Property(JsonElement parent, string name, string where) =>
        parent.TryGetProperty(name, out var value) ? value : throw new PolicyFormatException($"{where} has no {name}");

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
