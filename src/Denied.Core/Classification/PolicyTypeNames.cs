using Denied.Diagnostics;

namespace Denied.Classification;

/// <summary>
/// The policy-type phrases AWS writes in access-denied messages, their normalised names and layers
/// (IAM User Guide, "Troubleshoot access denied error messages"). "sessions policy" is AWS's own misspelling.
/// </summary>
internal static class PolicyTypeNames
{
    private static readonly (string Alias, string Canonical, DenialLayer Layer)[] Table =
    [
        ("identity-based policy", "identity-based policy", DenialLayer.IdentityPolicy),
        ("identity based policy", "identity-based policy", DenialLayer.IdentityPolicy),
        ("resource-based policy", "resource-based policy", DenialLayer.ResourcePolicy),
        ("resource based policy", "resource-based policy", DenialLayer.ResourcePolicy),
        ("service control policy", "service control policy", DenialLayer.ServiceControlPolicy),
        ("resource control policy", "resource control policy", DenialLayer.ResourceControlPolicy),
        ("permissions boundary policy", "permissions boundary", DenialLayer.PermissionsBoundary),
        ("permissions boundary", "permissions boundary", DenialLayer.PermissionsBoundary),
        ("permission boundary", "permissions boundary", DenialLayer.PermissionsBoundary),
        ("sessions policy", "session policy", DenialLayer.SessionPolicy),
        ("session policy", "session policy", DenialLayer.SessionPolicy),
        ("vpc endpoint policy", "VPC endpoint policy", DenialLayer.VpcEndpointPolicy),
        ("endpoint policy", "VPC endpoint policy", DenialLayer.VpcEndpointPolicy),
        // The trust policy is the role's resource-based policy (IAM UG, "Role terms and concepts").
        ("role trust policy", "role trust policy", DenialLayer.ResourcePolicy),
        ("trust policy", "role trust policy", DenialLayer.ResourcePolicy),
    ];

    /// <summary>The normalised name; unknown text is returned trimmed as written; null for blank input.</summary>
    public static string? Normalise(string? text)
    {
        var key = Key(text);
        if (key.Length == 0)
        {
            return null;
        }

        foreach (var row in Table)
        {
            if (row.Alias == key)
            {
                return row.Canonical;
            }
        }

        return text!.Trim();
    }

    /// <summary>The layer for a normalised (or raw) policy type; null when the type is unknown.</summary>
    public static DenialLayer? LayerOf(string? policyType)
    {
        var key = Key(policyType);
        foreach (var row in Table)
        {
            if (row.Alias == key || row.Canonical.Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                return row.Layer;
            }
        }

        return null;
    }

    private static string Key(string? text) =>
        string.Join(' ', (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
