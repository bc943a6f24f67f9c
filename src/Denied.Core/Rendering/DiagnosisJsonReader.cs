using System.Text.Json;
using Denied.Diagnostics;
using Denied.Remediation;

namespace Denied.Rendering;

/// <summary>
/// Reads the JSON written by <see cref="DiagnosisJson"/> back into a <see cref="Diagnosis"/> (the store keeps
/// each finding's latest diagnosis in this form). Unknown fields are ignored, so older readers accept newer
/// records; a missing or unknown code reads as null rather than failing the whole finding.
/// </summary>
public static class DiagnosisJsonReader
{
    public static Diagnosis Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return Read(doc.RootElement);
    }

    public static Diagnosis Read(JsonElement e)
    {
        var p = e.GetProperty("principal");
        var principal = new PrincipalInfo(
            Codes.ParsePrincipalKind(Str(p, "kind")) ?? PrincipalKind.Other,
            Str(p, "arn"),
            Str(p, "roleArn"),
            Str(p, "functionName"))
        {
            SessionName = Str(p, "sessionName"),
            AttributionEvidence = Str(p, "attributionEvidence"),
        };

        FunctionRef? function = null;
        if (e.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object)
        {
            function = new FunctionRef(Str(f, "name"), Str(f, "roleArn"));
        }

        return new Diagnosis
        {
            EventId = Str(e, "eventId"),
            EventTime = Str(e, "eventTime"),
            Account = Str(e, "account"),
            Region = Str(e, "region"),
            EventSource = Str(e, "eventSource"),
            EventName = Str(e, "eventName"),
            Denied = e.TryGetProperty("denied", out var denied) && denied.ValueKind == JsonValueKind.True,
            ErrorCode = Str(e, "errorCode"),
            ErrorMessage = Str(e, "errorMessage"),
            UserAgent = Str(e, "userAgent"),
            Principal = principal,
            Function = function,
            Action = Str(e, "action"),
            Resource = Str(e, "resource"),
            Layer = Codes.ParseLayer(Str(e, "layer")),
            ExplicitDeny = e.TryGetProperty("explicitDeny", out var x) && x.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? x.GetBoolean()
                : null,
            DenyingPolicyArn = Str(e, "denyingPolicyArn"),
            AuthorizationId = Str(e, "authorizationId"),
            Evaluation = e.TryGetProperty("evaluation", out var evaluation) ? EvaluationJson.Read(evaluation) : null,
            Evidence = Evidence(e),
            Fix = e.TryGetProperty("fix", out var fix) && fix.ValueKind == JsonValueKind.Object ? ReadFix(fix) : null,
            Notes = Strings(e, "notes"),
        };
    }

    private static Fix ReadFix(JsonElement e) => new()
    {
        Target = Codes.ParseFixTarget(Str(e, "target")) ?? FixTarget.None,
        Statements = e.TryGetProperty("statements", out var s) && s.ValueKind == JsonValueKind.Array
            ? s.EnumerateArray()
                .Select(x => new PolicyStatementFix(Str(x, "document") ?? "", PolicyStatementJson.Read(x.GetProperty("statement"))))
                .ToList()
            : [],
        Commands = Strings(e, "commands"),
        Snippets = e.TryGetProperty("snippets", out var sn) && sn.ValueKind == JsonValueKind.Object
            ? sn.EnumerateObject().ToDictionary(k => k.Name, k => k.Value.GetString() ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>(),
        Notes = Strings(e, "notes"),
    };

    /// <summary>The "evidence" object's string members; anything else (or a repeated name: the last wins) never fails the read.</summary>
    private static Dictionary<string, string> Evidence(JsonElement e)
    {
        var evidence = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.TryGetProperty("evidence", out var ev) && ev.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in ev.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.String)
                {
                    evidence[p.Name] = p.Value.GetString()!;
                }
            }
        }

        return evidence;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static List<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
}
