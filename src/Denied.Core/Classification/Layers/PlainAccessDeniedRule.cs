using Denied.Diagnostics;

namespace Denied.Classification.Layers;

/// <summary>
/// Plain "Access Denied": S3 gives no context to cross-account and anonymous callers, and gave none to
/// anyone before its enhanced messages (S3 UG troubleshoot-403-errors).
/// </summary>
internal sealed class PlainAccessDeniedRule : ILayerRule
{
    public string Id => "plain-access-denied";

    public LayerDecision? Decide(LayerRuleContext context)
    {
        if (context.Message?.Shape != MessageShape.PlainAccessDenied)
        {
            return null;
        }

        return new LayerDecision(DenialLayer.Unknown, null, null,
            "The message is a plain \"Access Denied\" with no context: the execution role, the bucket policy, "
            + "a KMS key, an SCP or a VPC endpoint policy may each be the cause.");
    }
}
