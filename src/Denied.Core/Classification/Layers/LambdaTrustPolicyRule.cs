using Denied.Diagnostics;

namespace Denied.Classification.Layers;

/// <summary>
/// Lambda's "The role defined for the function cannot be assumed by Lambda." (CreateFunction,
/// UpdateFunctionConfiguration): the role's trust policy, its resource-based policy, does not allow
/// lambda.amazonaws.com to call sts:AssumeRole, or the role ARN is wrong (a missing path, another account).
/// </summary>
internal sealed class LambdaTrustPolicyRule : ILayerRule
{
    public string Id => "lambda-trust-policy";

    public LayerDecision? Decide(LayerRuleContext context)
    {
        if (context.Message?.Shape != MessageShape.LambdaTrustPolicyRejection)
        {
            return null;
        }

        return new LayerDecision(DenialLayer.ResourcePolicy, null, null,
            "Lambda could not assume the function's role: the role's trust policy does not allow lambda.amazonaws.com to call sts:AssumeRole, "
            + "or the role ARN in the request is not the role meant (a wrong name, a missing path). Lambda's message does not tell a missing Allow from a Deny.");
    }
}
