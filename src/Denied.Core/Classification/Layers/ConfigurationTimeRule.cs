using Denied.Diagnostics;

namespace Denied.Classification.Layers;

/// <summary>
/// Lambda's up-front check of the execution role (CreateFunction with a VPC, CreateEventSourceMapping): "The provided
/// execution role does not have permissions to call X on Y" and "Cannot access stream ..." name no policy type, and
/// SCPs and permissions boundaries cause them as well as a missing Allow (aws-samples/data-perimeter-policy-examples
/// #63), so the layer is unknown and explicitDeny null; the fix offers the role statement as the most likely fix.
/// </summary>
internal sealed class ConfigurationTimeRule : ILayerRule
{
    public string Id => "configuration-time";

    public LayerDecision? Decide(LayerRuleContext context)
    {
        if (context.Message?.Shape != MessageShape.ConfigurationTime)
        {
            return null;
        }

        var action = context.Message.ConfigurationAction ?? "the permission Lambda checks";
        return new LayerDecision(DenialLayer.Unknown, null, null,
            $"Lambda checked the function's execution role for {action} before accepting the call and was refused; "
            + "the message does not say which policy refused: a missing Allow in the role's policies is the most likely cause, "
            + "but a Deny, the role's permissions boundary or an SCP gives the same message.");
    }
}
