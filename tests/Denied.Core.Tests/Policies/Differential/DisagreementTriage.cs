using System.Net;
using System.Text.Json.Nodes;
using Denied.Policies;

namespace Denied.Core.Tests.Policies.Differential;

/// <summary>
/// The disagreement classes tests/PolicyOracle/TRIAGE.md explains. Each is a counterfactual: the case
/// rewritten to what the oracle assumes (a dropped key, a substituted variable, ...); the class explains
/// a disagreement only when our evaluator, run on the rewritten case, gives the oracle's answer. A
/// disagreement no class (nor any combination) explains is returned as null and fails the test.
/// </summary>
internal static class DisagreementTriage
{
    private static readonly (string Name, Func<JsonObject, bool> Rewrite)[] Classes =
    [
        ("oracle: ignores kms:EncryptionContext:<key> in the request", DropKmsEncryptionContext),
        ("oracle: substitutes variables in documents without Version 2012-10-17", SubstituteEverywhere),
        ("oracle: NotIpAddress is false for an address of the other IP family", NotIpAddressOtherFamilyFalse),
        ("deliberate: a resource policy naming the exact session ARN is not limited by the session policy", NameRoleInsteadOfSession),
    ];

    public static string? Classify(JsonObject c, string oracle)
    {
        var applicable = new List<(string Name, JsonObject Rewritten)>();
        foreach (var (name, rewrite) in Classes)
        {
            var copy = (JsonObject)c.DeepClone();
            if (!rewrite(copy)) continue;
            if (Decide(copy) == oracle) return name;
            applicable.Add((name, copy));
        }

        if (applicable.Count < 2) return null;
        var all = (JsonObject)c.DeepClone();
        foreach (var (name, rewrite) in Classes) rewrite(all);
        return Decide(all) == oracle ? string.Join(" + ", applicable.Select(a => a.Name)) : null;
    }

    private static string Decide(JsonObject c)
    {
        var (input, context) = OracleCase.Read(c);
        return PolicyEvaluator.Evaluate(input, context).DecisionCode;
    }

    private static IEnumerable<JsonObject> Documents(JsonObject c)
    {
        foreach (var p in c["identity"]!.AsArray()) yield return p!.AsObject();
        foreach (var field in new[] { "boundary", "session", "resourcePolicy" })
            if (c[field] is JsonObject doc) yield return doc;
        foreach (var field in new[] { "scps", "rcps" })
            foreach (var level in c[field]!.AsArray())
                foreach (var p in level!.AsArray()) yield return p!.AsObject();
    }

    private static IEnumerable<JsonObject> Statements(JsonObject document) =>
        document["Statement"] is JsonArray array ? array.Select(s => s!.AsObject()) : [document["Statement"]!.AsObject()];

    private static bool DropKmsEncryptionContext(JsonObject c)
    {
        var context = c["context"]!.AsObject();
        var keys = context.Select(p => p.Key).Where(k => k.StartsWith("kms:EncryptionContext:", StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var key in keys) context.Remove(key);
        return keys.Count > 0;
    }

    private static bool SubstituteEverywhere(JsonObject c)
    {
        var changed = false;
        foreach (var document in Documents(c))
        {
            if (document["Version"]?.GetValue<string>() == PolicyDocument.CurrentVersion || !document.ToJsonString().Contains("${", StringComparison.Ordinal)) continue;
            document["Version"] = PolicyDocument.CurrentVersion;
            changed = true;
        }

        return changed;
    }

    private static bool NotIpAddressOtherFamilyFalse(JsonObject c)
    {
        if (c["context"]!["aws:SourceIp"]?.GetValue<string>() is not { } ip || !IPAddress.TryParse(ip, out var address)) return false;
        var changed = false;
        foreach (var statement in Documents(c).SelectMany(Statements))
        {
            if (statement["Condition"] is not JsonObject condition) continue;
            foreach (var (op, block) in condition)
            {
                if (!op.Contains("NotIpAddress", StringComparison.Ordinal) || block!["aws:SourceIp"] is not { } values) continue;
                var list = values is JsonArray a ? a.Select(v => v!.GetValue<string>()).ToList() : [values.GetValue<string>()];
                if (!list.All(v => IPAddress.TryParse(v.Split('/')[0], out var policy) && policy.AddressFamily != address.AddressFamily)) continue;
                block.AsObject()["aws:SourceIp"] = ip;
                changed = true;
            }
        }

        return changed;
    }

    private static bool NameRoleInsteadOfSession(JsonObject c)
    {
        var principal = c["principal"]!.GetValue<string>();
        if (c["session"] is null || c["resourcePolicy"] is not JsonObject policy || !principal.Contains(":assumed-role/", StringComparison.Ordinal)) return false;
        var parts = principal.Split(':');
        var roleArn = $"arn:aws:iam::{parts[4]}:role/{parts[5].Split('/')[1]}";
        var text = policy.ToJsonString();
        if (!text.Contains(principal, StringComparison.Ordinal)) return false;
        c["resourcePolicy"] = JsonNode.Parse(text.Replace(principal, roleArn, StringComparison.Ordinal));
        return true;
    }
}
