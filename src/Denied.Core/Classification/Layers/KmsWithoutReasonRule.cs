using Denied.Diagnostics;

namespace Denied.Classification.Layers;

/// <summary>
/// KMS denials without a "because" clause (older and many current events), and the ciphertext message
/// that covers both a missing key and a denied one, and Secrets Manager's "Access to KMS is not allowed" for the
/// secret's key. The key policy and IAM both decide, and a key
/// policy without the account-root statement ignores IAM entirely (KMS DG, "Default key policy").
/// </summary>
internal sealed class KmsWithoutReasonRule : ILayerRule
{
    public string Id => "kms-without-reason";

    public LayerDecision? Decide(LayerRuleContext context)
    {
        var message = context.Message;
        var isKms = context.Record.EventSource == "kms.amazonaws.com"
            || message?.Action?.StartsWith("kms:", StringComparison.OrdinalIgnoreCase) == true
            || message?.Shape is MessageShape.KmsCiphertext or MessageShape.KmsAccessNotAllowed;
        if (!isKms || message?.PolicyType is not null)
        {
            return null;
        }

        var ciphertext = message?.Shape == MessageShape.KmsCiphertext
            ? " The ciphertext message also covers a key that does not exist or lives in another Region."
            : string.Empty;
        return new LayerDecision(DenialLayer.Unknown, null, null,
            "KMS did not say which policy denied: the key policy and the caller's IAM policies both may be involved "
            + "(IAM policies count only if the key policy delegates to the account)." + ciphertext);
    }
}
