using System.Text.Json.Nodes;
using Denied.Diagnostics;
using Denied.Policies;

namespace Denied.Core.Tests.Policies.Differential;

/// <summary>Turns one generated case (the JSON the oracle reads too) into our evaluator's input and request context.</summary>
internal static class OracleCase
{
    public static (EvaluationInput Input, RequestContext Context) Read(JsonObject c)
    {
        var keys = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        foreach (var (name, value) in c["context"]!.AsObject())
            keys.Add(new(name, value is JsonArray array ? array.Select(v => v!.GetValue<string>()).ToList() : [value!.GetValue<string>()]));
        var context = new RequestContext(
            RequestPrincipal.FromArn(c["principal"]!.GetValue<string>()),
            c["action"]!.GetValue<string>(),
            c["resource"]!.GetValue<string>(),
            c["resourceAccount"]!.GetValue<string>(),
            keys,
            complete: true);

        SourcedPolicy? One(string field, DenialLayer layer, string name) =>
            c[field] is JsonObject doc ? new SourcedPolicy(new PolicySource(layer, PolicyName: name), PolicyParser.Parse(doc.ToJsonString())) : null;
        List<OrganizationLevel> Levels(string field, DenialLayer layer) =>
            c[field]!.AsArray().Select((level, i) => new OrganizationLevel($"level-{i}",
                level!.AsArray().Select((p, j) => new SourcedPolicy(new PolicySource(layer, PolicyArn: $"{field}-{i}-{j}"), PolicyParser.Parse(p!.ToJsonString()))).ToList())).ToList();

        var input = new EvaluationInput(
            c["identity"]!.AsArray().Select((p, i) => new SourcedPolicy(new PolicySource(DenialLayer.IdentityPolicy, PolicyName: $"identity-{i}"), PolicyParser.Parse(p!.ToJsonString()))).ToList(),
            One("boundary", DenialLayer.PermissionsBoundary, "boundary"),
            One("session", DenialLayer.SessionPolicy, "session"),
            One("resourcePolicy", DenialLayer.ResourcePolicy, "resource"),
            Levels("scps", DenialLayer.ServiceControlPolicy),
            Levels("rcps", DenialLayer.ResourceControlPolicy));
        return (input, context);
    }

    /// <summary>The oracle's result spelled as our decision codes.</summary>
    public static string OracleDecision(string overallResult) => overallResult switch
    {
        "Allowed" => "allowed",
        "ExplicitlyDenied" => "explicit-deny",
        "ImplicitlyDenied" => "implicit-deny",
        _ => "unexpected:" + overallResult,
    };
}
