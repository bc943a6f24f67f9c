using Denied.Diagnostics;

namespace Denied.Classification.Layers;

/// <summary>
/// lambda:InvokeFunction denied to an AWS service or another account: the function's resource-based
/// policy grants those callers (Lambda DG, "Granting Lambda function access to AWS services").
/// </summary>
internal sealed class ForeignInvokeRule : ILayerRule
{
    public string Id => "foreign-invoke";

    public LayerDecision? Decide(LayerRuleContext context)
    {
        if (!ForeignInvocation.IsForeignInvoke(context.Record, context.Principal, context.Message?.Action))
        {
            return null;
        }

        var caller = context.Record.UserIdentity?.InvokedBy is { Length: > 0 } service ? service : "another account";
        return new LayerDecision(DenialLayer.ResourcePolicy, context.Message?.ExplicitDeny, context.Message?.PolicyArn,
            $"The invoke came from {caller}; the function's resource-based policy must allow it. "
            + "A cross-account caller also needs lambda:InvokeFunction in its own identity policy.");
    }
}
