using Denied.Diagnostics;

namespace Denied.Classification.Layers;

/// <summary>
/// Lambda's up-front check of the execution role (CreateFunction with a VPC, CreateEventSourceMapping):
/// the role is the document to change. Lambda's message does not say whether an SCP, a permissions
/// boundary or an explicit Deny was the cause, so explicitDeny stays unknown.
/// </summary>
internal sealed class ConfigurationTimeRule : ILayerRule
{
    public LayerDecision? Decide(LayerRuleContext context)
    {
        if (context.Message?.Shape != MessageShape.ConfigurationTime)
        {
            return null;
        }

        var action = context.Message.ConfigurationAction ?? "the permission Lambda checks";
        return new LayerDecision(DenialLayer.IdentityPolicy, null, null,
            $"Lambda checked the function's execution role for {action} before accepting the call and found it missing; "
            + "the message cannot tell a missing Allow from a Deny, a permissions boundary or an SCP.");
    }
}
