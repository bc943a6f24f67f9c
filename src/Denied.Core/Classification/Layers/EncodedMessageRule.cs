using Denied.Diagnostics;

namespace Denied.Classification.Layers;

/// <summary>
/// EC2-family services encode the reason; `aws sts decode-authorization-message` reveals it (the caller
/// needs sts:DecodeAuthorizationMessage). CloudTrail cuts long messages, which then cannot be decoded.
/// </summary>
internal sealed class EncodedMessageRule : ILayerRule
{
    public string Id => "encoded-message";

    public LayerDecision? Decide(LayerRuleContext context)
    {
        if (context.Message?.Shape != MessageShape.EncodedAuthorizationFailure)
        {
            return null;
        }

        var reason = context.Message.EncodedMessageTruncated
            ? "The reason is encoded and CloudTrail truncated it, so it cannot be decoded; reproduce the call to get the full message."
            : "The reason is encoded; decode it with aws sts decode-authorization-message (needs sts:DecodeAuthorizationMessage).";
        return new LayerDecision(DenialLayer.Unknown, null, null, reason);
    }
}
