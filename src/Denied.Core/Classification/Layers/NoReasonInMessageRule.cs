using Denied.Diagnostics;

namespace Denied.Classification.Layers;

/// <summary>The last row: nothing in the record names the layer.</summary>
internal sealed class NoReasonInMessageRule : ILayerRule
{
    public string Id => "no-reason-in-message";

    public LayerDecision? Decide(LayerRuleContext context)
    {
        var reason = context.Message is null
            ? "The errorMessage is missing or in no known form, so the record does not say which policy denied."
            : "The message does not name the policy that denied; the execution role's identity policy is the usual cause but the record does not prove it.";
        return new LayerDecision(DenialLayer.Unknown, context.Message?.ExplicitDeny, context.Message?.PolicyArn, reason);
    }
}
