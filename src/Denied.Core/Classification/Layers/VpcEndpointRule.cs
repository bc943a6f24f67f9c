using Denied.Diagnostics;

namespace Denied.Classification.Layers;

/// <summary>
/// errorCode VpceAccessDenied, whose message is always "The request was denied due to a VPC endpoint
/// policy" (CloudTrail record-contents doc). It does not say whether a Deny matched or no Allow did.
/// </summary>
internal sealed class VpcEndpointRule : ILayerRule
{
    public string Id => "vpc-endpoint";

    public LayerDecision? Decide(LayerRuleContext context)
    {
        if (context.ErrorCode != "vpceaccessdenied" && context.Message?.Shape != MessageShape.VpcEndpointDenied)
        {
            return null;
        }

        var endpoint = context.Record.VpcEndpointId is { Length: > 0 } id ? $" {id}" : string.Empty;
        return new LayerDecision(DenialLayer.VpcEndpointPolicy, null, null,
            $"The policy of VPC endpoint{endpoint} denied the request; the record does not say whether a Deny statement matched or no statement allowed it.");
    }
}
