using System.Security.Cryptography;
using System.Text;
using Denied.Diagnostics;

namespace Denied.Findings;

/// <summary>
/// What makes two denials the same problem (PRODUCT.md "Findings"): one finding per
/// (account, region, role, action, resource, layer). The role is the execution role whose
/// permissions are lacking (or the invoked function's ARN for resource-policy invocation denials).
/// </summary>
public sealed record FindingKey(string Account, string Region, string RoleArn, string Action, string Resource, DenialLayer Layer)
{
    /// <summary>
    /// Stable id: the first 32 hex digits of SHA-256 over the six parts joined by newlines, which no part
    /// can contain unescaped. Stable across versions: stored findings are keyed by it.
    /// </summary>
    public string Id => _id ??= ComputeId();

    private string? _id;

    private string ComputeId()
    {
        var text = string.Join('\n', Account, Region, RoleArn, Action, Resource, Codes.Of(Layer));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>The key of a diagnosis that can become a finding, or null (not denied, or too little known).</summary>
    public static FindingKey? For(Diagnosis diagnosis)
    {
        if (!diagnosis.Denied || diagnosis.Function?.RoleArn is not { } role)
        {
            return null;
        }

        return new FindingKey(
            diagnosis.Account ?? "unknown",
            diagnosis.Region ?? "unknown",
            role,
            diagnosis.Action ?? "unknown-action",
            diagnosis.Resource ?? "unknown-resource",
            diagnosis.Layer ?? DenialLayer.Unknown);
    }
}
