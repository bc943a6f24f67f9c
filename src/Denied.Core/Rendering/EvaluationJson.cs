using System.Text.Json;
using Denied.Diagnostics;
using Denied.Policies;

namespace Denied.Rendering;

/// <summary>
/// The <c>evaluation</c> object of a diagnosis (docs/schemas/diagnosis.schema.json): source, decision, layer,
/// unseen layer codes and the statements it names, each with its layer code, policy names, Sid, zero-based index (null when not known),
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
            if (s.Reference.Index is { } index) w.WriteNumber("index", index);
            else w.WriteNull("index");
            w.WriteString("effect", s.Effect == PolicyEffect.Allow ? "Allow" : "Deny");
            w.WriteBoolean("decisive", s.Decisive);
            DiagnosisJson.WriteStrings(w, "mismatch", s.Mismatch);
            DiagnosisJson.WriteStrings(w, "undeterminedKeys", s.UndeterminedKeys);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// The object <see cref="Write"/> wrote, read back (a stored finding keeps its evaluation); null when it is not
    /// one (an unknown decision or layer code): a damaged field never fails the read of the diagnosis.
    /// </summary>
    public static PolicyEvaluation? Read(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object || Str(e, "source") is not { } source) return null;
        var decision = Enum.GetValues<PolicyDecision>().Select(d => (PolicyDecision?)d).FirstOrDefault(d => PolicyDecisionCodes.Of(d!.Value) == Str(e, "decision"));
        if (decision is null) return null;
        var statements = new List<StatementFinding>();
        if (e.TryGetProperty("statements", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var s in list.EnumerateArray())
            {
                if (s.ValueKind != JsonValueKind.Object || Codes.ParseLayer(Str(s, "policyType")) is not { } policyType) return null;
                int? index = s.TryGetProperty("index", out var i) && i.ValueKind == JsonValueKind.Number && i.TryGetInt32(out var n) ? n : null;
                statements.Add(new StatementFinding(
                    new StatementReference(new PolicySource(policyType, Str(s, "policyArn"), Str(s, "policyName"), Str(s, "resourceArn")), Str(s, "sid"), index),
                    Str(s, "effect") == "Deny" ? PolicyEffect.Deny : PolicyEffect.Allow,
                    s.TryGetProperty("decisive", out var d) && d.ValueKind == JsonValueKind.True,
                    Strings(s, "mismatch"),
                    Strings(s, "undeterminedKeys")));
            }
        }

        var denied = decision switch
        {
            PolicyDecision.Allowed => Truth.False,
            PolicyDecision.NotDeterminable => Truth.Unknown,
            _ => Truth.True,
        };
        var unseen = Strings(e, "unseen").Select(Codes.ParseLayer).OfType<DenialLayer>().ToList();
        return new PolicyEvaluation(source, new EvaluationResult(decision.Value, denied, Codes.ParseLayer(Str(e, "layer")), statements, unseen));
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static List<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
}
