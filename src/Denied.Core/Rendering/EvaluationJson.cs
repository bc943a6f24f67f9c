using System.Text.Json;
using Denied.Diagnostics;
using Denied.Policies;

namespace Denied.Rendering;

/// <summary>
/// The <c>evaluation</c> object of a diagnosis (docs/schemas/diagnosis.schema.json): source, decision, layer,
/// unseen layer codes and the statements it names, each with its layer code, policy names, Sid, zero-based index,
/// effect, whether it decided, and what a near miss did not match.
/// </summary>
public static class EvaluationJson
{
    public static void Write(Utf8JsonWriter w, PolicyEvaluation evaluation)
    {
        var result = evaluation.Result;
        w.WriteStartObject();
        w.WriteString("source", evaluation.Source);
        w.WriteString("decision", result.DecisionCode);
        w.WriteString("layer", result.Layer is { } layer ? Codes.Of(layer) : null);
        DiagnosisJson.WriteStrings(w, "unseen", result.Unseen.Select(Codes.Of));
        w.WriteStartArray("statements");
        foreach (var s in result.Statements)
        {
            var source = s.Reference.Source;
            w.WriteStartObject();
            w.WriteString("policyType", Codes.Of(source.Layer));
            w.WriteString("policyArn", source.PolicyArn);
            w.WriteString("policyName", source.PolicyName);
            w.WriteString("resourceArn", source.ResourceArn);
            w.WriteString("sid", s.Reference.Sid);
            w.WriteNumber("index", s.Reference.Index);
            w.WriteString("effect", s.Effect == PolicyEffect.Allow ? "Allow" : "Deny");
            w.WriteBoolean("decisive", s.Decisive);
            DiagnosisJson.WriteStrings(w, "mismatch", s.Mismatch);
            DiagnosisJson.WriteStrings(w, "undeterminedKeys", s.UndeterminedKeys);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
