using Denied.Classification.Layers;
using Denied.CloudTrail;
using Denied.Diagnostics;

namespace Denied.Classification;

/// <summary>
/// Decides which policy layer said no, from the record, its parsed message and the caller.
/// Small rules in <c>Layers/</c>, applied in this order; the first that applies decides.
/// </summary>
public static class LayerClassifier
{
    private static readonly ILayerRule[] Rules =
    [
        new VpcEndpointRule(),
        new LambdaTrustPolicyRule(),
        new ConfigurationTimeRule(),
        new PolicyTypeInMessageRule(),
        new ForeignInvokeRule(),
        new KmsWithoutReasonRule(),
        new EncodedMessageRule(),
        new PlainAccessDeniedRule(),
        new NoReasonInMessageRule(),
    ];

    /// <summary>Always returns a decision; <see cref="DenialLayer.Unknown"/> when nothing in the record tells.</summary>
    public static LayerDecision Classify(CloudTrailRecord record, ParsedDenialMessage? message, PrincipalInfo principal)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(principal);
        var context = new LayerRuleContext(record, message, principal);
        foreach (var rule in Rules)
        {
            if (rule.Decide(context) is { } decision)
            {
                return decision with { Rule = rule.Id };
            }
        }

        throw new InvalidOperationException("The last layer rule always decides.");
    }

    /// <summary>The rule ids in evaluation order (for tests and documentation).</summary>
    internal static IReadOnlyList<string> RuleIds { get; } = Rules.Select(r => r.Id).ToArray();
}
