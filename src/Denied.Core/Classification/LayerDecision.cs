using Denied.Diagnostics;

namespace Denied.Classification;

/// <param name="Layer">The policy layer that said no; <see cref="DenialLayer.Unknown"/> when the record does not tell.</param>
/// <param name="ExplicitDeny">True: a Deny statement (an Allow will not fix it); false: nothing allowed; null: not said.</param>
/// <param name="DenyingPolicyArn">The policy ARN AWS appended to the message, if any.</param>
/// <param name="Reason">Why this layer, in one or two sentences for the user (includes what stays undecided).</param>
public sealed record LayerDecision(DenialLayer Layer, bool? ExplicitDeny, string? DenyingPolicyArn, string Reason)
{
    /// <summary>The stable id of the layer rule that decided (<see cref="LayerClassifier.RuleIds"/>).</summary>
    public string? Rule { get; init; }
}
