using Denied.Diagnostics;

namespace Denied.Notifications;

/// <summary>
/// How far the fix of a finding lies from the team that owns the function, as the "severity" message
/// attribute (subscribers filter on it). Every finding is a function failing at run time, so severity does not
/// rank the outage; it ranks who must act and whether a plain Allow can help:
/// <list type="bullet">
/// <item>"high": an explicit deny in any layer, or any service/resource control policy denial. No Allow fixes
/// it; a guardrail owner (often the organization's security team) must change a deny, or the code must stop
/// making the call. Probing and policy-violation attempts also show up here.</item>
/// <item>"medium": an implicit deny outside the execution role: resource policy, permissions boundary, session
/// policy, VPC endpoint policy, or an unknown layer. Another document, often another team's, must change.</item>
/// <item>"low": an implicit deny in the execution role's own identity policy. The team adds one statement.</item>
/// </list>
/// SCP and RCP are always "high" because their messages say "explicit deny" even when the policy merely lacks
/// an Allow (FixBuilder treats them the same way).
/// </summary>
public static class Severity
{
    public const string High = "high";
    public const string Medium = "medium";
    public const string Low = "low";

    /// <summary>The severity code of a denial in <paramref name="layer"/>; <paramref name="explicitDeny"/> null counts as implicit.</summary>
    public static string Of(DenialLayer layer, bool? explicitDeny) => layer switch
    {
        DenialLayer.ServiceControlPolicy or DenialLayer.ResourceControlPolicy => High,
        _ when explicitDeny == true => High,
        DenialLayer.IdentityPolicy => Low,
        DenialLayer.ResourcePolicy or DenialLayer.PermissionsBoundary or DenialLayer.SessionPolicy
            or DenialLayer.VpcEndpointPolicy or DenialLayer.Unknown => Medium,
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, "Unknown denial layer: give it a severity."),
    };
}
