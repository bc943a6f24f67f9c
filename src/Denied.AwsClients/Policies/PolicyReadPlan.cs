using Denied.Diagnostics;

namespace Denied.AwsClients.Policies;

/// <summary>
/// What to read to evaluate one denial live: the role that lacks the permission (<c>function.roleArn</c>: its
/// inline, attached and boundary policies and its trust policy), the resource whose policy may decide, and the
/// accounts whose SCPs (the role's) and RCPs (the resource owner's) apply. Never the caller's role when it is not
/// the one denied: a configuration-time denial whose record names no execution role reads no role, and says so.
/// </summary>
/// <param name="RoleArn">The role to read, or null (see <see cref="Notes"/>).</param>
/// <param name="ResourceArn">The resource whose resource-based policy to read, or null when it has none a reader covers.</param>
/// <param name="Accounts">The accounts whose organization policies to read, role's first.</param>
/// <param name="Notes">Why something was not read.</param>
public sealed record PolicyReadPlan(string? RoleArn, string? ResourceArn, IReadOnlyList<string> Accounts, IReadOnlyList<string> Notes)
{
    public const string NoRoleNote =
        "The record does not name the role that lacks the permission (for a configuration-time denial it names only the caller, "
        + "not the execution role Lambda checked), so no role policies were read: the identity policies and permissions boundary are not evaluated.";

    /// <summary>The plan for a diagnosis, or null when it is no denial or names no action and resource to evaluate.</summary>
    public static PolicyReadPlan? For(Diagnosis diagnosis)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        if (!diagnosis.Denied || diagnosis.FixRequest is not { Action: not null, Resource: { Length: > 0 } resource } request)
        {
            return null;
        }

        var role = diagnosis.Function?.RoleArn;
        var notes = role is null ? new List<string> { NoRoleNote } : [];
        // A trust policy rejection's resource is the role itself: its trust policy comes with the role's reads.
        var resourceArn = request.IsTrustPolicyRejection || !ResourcePolicyReader.Covers(resource) ? null : resource;
        var accounts = new[] { role is null ? null : AccountOf(role), request.ResourceAccount ?? (resourceArn is null ? null : AccountOf(resourceArn)) }
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new PolicyReadPlan(role, resourceArn, accounts, notes);
    }

    private static string? AccountOf(string arn) =>
        arn.Split(':', 6) is { Length: 6 } parts && parts[4].Length == 12 && parts[4].All(char.IsAsciiDigit) ? parts[4] : null;
}
