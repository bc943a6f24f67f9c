using Denied.Diagnostics;

namespace Denied.Policies;

/// <summary>
/// The outcome: the <see cref="Decision"/>, the layer that decided it (the denying or the lacking one;
/// null when allowed), the deciding statements and near misses, and the layers that could not be seen.
/// <see cref="Denied"/> is true when the request is refused either way, even when which kind of denial
/// is not determinable.
/// </summary>
public sealed record EvaluationResult(
    PolicyDecision Decision,
    Truth Denied,
    DenialLayer? Layer,
    IReadOnlyList<StatementFinding> Statements,
    IReadOnlyList<DenialLayer> Unseen)
{
    public string DecisionCode => PolicyDecisionCodes.Of(Decision);
}
