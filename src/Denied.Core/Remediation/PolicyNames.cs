using System.Security.Cryptography;
using System.Text;

namespace Denied.Remediation;

/// <summary>
/// Deterministic names for what the fix creates, so running a suggested command twice replaces the same
/// inline policy (or hits the same statement id) instead of piling up copies.
/// </summary>
internal static class PolicyNames
{
    /// <summary>"denied-s3-GetObject-1a2b3c4d": the hash of the resource keeps two fixes for one action apart.</summary>
    public static string InlinePolicy(ActionName action, string? resource) =>
        $"denied-{Alnum(action.Service)}-{Alnum(action.Name)}-{Hash8(resource ?? "*")}";

    /// <summary>Lambda statement ids allow [A-Za-z0-9_-]; the hash covers who may invoke and from where.</summary>
    public static string LambdaStatementId(string principal, string? sourceArn) =>
        $"denied-invoke-{Hash8(principal + "\n" + (sourceArn ?? string.Empty))}";

    /// <summary>CloudFormation logical ids are alphanumeric: "denied-s3-GetObject-1a2b3c4d" -> "DeniedS3GetObject1a2b3c4d".</summary>
    public static string LogicalId(string name)
    {
        var builder = new StringBuilder(name.Length);
        var upper = true;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return builder.ToString();
    }

    /// <summary>Terraform resource names: lower snake case of the policy name.</summary>
    public static string TerraformName(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray());

    public static string Hash8(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..8];

    private static string Alnum(string value) => new(value.Where(char.IsAsciiLetterOrDigit).Take(40).ToArray());
}
