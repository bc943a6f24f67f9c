using Denied.Diagnostics;
using Denied.Policies;

namespace Denied.Rendering;

/// <summary>
/// The evaluation in words for the text and markdown renderers; the callers escape it (policy names, Sids and ARNs
/// come from user-given policy files).
/// </summary>
public static class EvaluationText
{
    public static string Summary(PolicyEvaluation evaluation)
    {
        var r = evaluation.Result;
        var layer = r.Layer is { } l ? $" in the {Codes.Of(l)}" : "";
        var unseen = r.Unseen.Count == 0 ? "" : $"; not read: {string.Join(", ", r.Unseen.Select(Codes.Of))}";
        return $"{r.DecisionCode}{layer} (policies from {evaluation.Source}{unseen})";
    }

    public static string Statement(StatementFinding finding)
    {
        var text = $"{finding.Effect} {EvaluatedDiagnosis.Where(finding.Reference)}";
        if (finding.Mismatch.Count > 0) text += $": does not match on {string.Join(", ", finding.Mismatch)}";
        if (finding.UndeterminedKeys.Count > 0) text += $"; not determinable: {string.Join(", ", finding.UndeterminedKeys)}";
        return text;
    }
}
