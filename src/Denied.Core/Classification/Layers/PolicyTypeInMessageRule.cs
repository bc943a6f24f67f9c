using Denied.Diagnostics;

namespace Denied.Classification.Layers;

/// <summary>
/// The enhanced message names the policy type: "because no X allows" or "with an explicit deny in a X".
/// AWS names one type even when several denied (IAM UG troubleshoot_access-denied).
/// </summary>
internal sealed class PolicyTypeInMessageRule : ILayerRule
{
    public string Id => "policy-type-in-message";

    public LayerDecision? Decide(LayerRuleContext context)
    {
        var message = context.Message;
        if (message?.PolicyType is not { } type)
        {
            return null;
        }

        if (PolicyTypeNames.LayerOf(type) is not { } layer)
        {
            return new LayerDecision(DenialLayer.Unknown, message.ExplicitDeny, message.PolicyArn,
                "The message names a policy type this version does not know; check the errorMessage.");
        }

        var said = message.ExplicitDeny switch
        {
            true => $"an explicit deny in the {type}",
            false => $"that no {type} allows the action",
            null => $"the {type} denied the request",
        };
        var reason = $"The message says {said}.";
        var explicitDeny = message.ExplicitDeny;
        if (layer == DenialLayer.ServiceControlPolicy && message.ExplicitDeny == false)
        {
            // "because no service control policy allows the A action": an allow-list SCP strategy lacks an Allow for the
            // action (seen in awslabs/landing-zone-accelerator-on-aws #470). Still nothing the account can grant.
            reason += " No SCP that applies to the account allows the action: an organization administrator must allow it in an SCP (an allow-list SCP strategy lists each allowed action).";
        }
        else if (layer == DenialLayer.ServiceControlPolicy)
        {
            // IAM UG troubleshoot_access-denied: "When an SCP denies access, the error message always includes the
            // phrase due to an explicit deny ..., even if the denial is implicit." So the explicit wording does not say
            // which: null, per the diagnosis contract. (The UG says this of SCPs only; RCP wording is kept as stated.)
            explicitDeny = null;
            reason += " SCP denials are worded as explicit even when the SCP only lacks an Allow, so the record does not tell which; only the organization's administrators can change it.";
        }
        else if (type == "role trust policy")
        {
            reason += " The trust policy is the role's resource-based policy.";
        }

        if (message.Via is { } via)
        {
            reason += $" The deny reached the request through a {via}: check both.";
        }

        return new LayerDecision(layer, explicitDeny, message.PolicyArn, reason);
    }
}
