using System.Text.Json;
using Denied.Diagnostics;

namespace Denied.Policies;

/// <summary>
/// What the IAM Access Troubleshooter recorded for one denial, as an evaluation (source "access-troubleshooter").
/// Reads the GetRequestAuthorizationDetails reply (IAM Toolbox API reference: <c>evaluations[]</c> with <c>action</c>,
/// <c>resource</c>, <c>evaluatedEffect</c> ALLOW/EXPLICIT_DENY/IMPLICIT_DENY and <c>matchedPolicies[].matchedStatements[]</c>
/// with <c>sid</c> and <c>evaluatedEffect</c> ALLOW/DENY; <c>policies[]</c> with <c>type</c>, <c>inline</c>, <c>uri</c>,
/// <c>attachedTo[].arn</c>), and, where a policy carries it, the <c>document</c> GetRequestAuthorizationPolicy captured
/// (the shape `denied policies collect --authorization-id` writes). Members it does not know are ignored.
/// <para>
/// The reply names statements by Sid only: a statement's index is taken from the captured document when exactly one
/// of its statements has that Sid, else null. A managed policy, SCP or boundary is named by its ARN (the <c>uri</c>);
/// an inline policy's <c>uri</c> is an opaque id, so its name stays null. Of the matched statements, the Denies decide
/// an explicit deny and the Allows an allow; an implicit deny has no deciding statement, and its layer is the first
/// that lacks a matched Allow in AWS's order (IAM User Guide, "Policy evaluation logic"): SCPs (each target they are
/// attached to), identity and resource policies, permissions boundary, session policy, VPC endpoint policy.
/// AWS evaluated every layer, so none is unseen.
/// </para>
/// A reply that cannot be read (not JSON, no evaluation for the action, an unknown effect) gives a
/// <see cref="TroubleshooterReading.Failure"/> saying why, never an exception.
/// </summary>
public static class TroubleshooterEvaluation
{
    /// <summary>The Troubleshooter's policy <c>type</c> codes and the layer each is.</summary>
    private static readonly IReadOnlyDictionary<string, DenialLayer> Layers = new Dictionary<string, DenialLayer>(StringComparer.Ordinal)
    {
        ["IDENTITY_BASED_POLICY"] = DenialLayer.IdentityPolicy,
        ["RESOURCE_BASED_POLICY"] = DenialLayer.ResourcePolicy,
        ["SERVICE_CONTROL_POLICY"] = DenialLayer.ServiceControlPolicy,
        ["RESOURCE_CONTROL_POLICY"] = DenialLayer.ResourceControlPolicy,
        ["PERMISSIONS_BOUNDARY"] = DenialLayer.PermissionsBoundary,
        ["SESSION_POLICY"] = DenialLayer.SessionPolicy,
        ["VPC_ENDPOINT_POLICY"] = DenialLayer.VpcEndpointPolicy,
    };

    /// <summary>The layers that must each hold a matched Allow, after the SCPs, in the order a missing one is reported.</summary>
    private static readonly DenialLayer[] GuardrailLayers = [DenialLayer.PermissionsBoundary, DenialLayer.SessionPolicy, DenialLayer.VpcEndpointPolicy];

    /// <summary>Reads a reply given as JSON text.</summary>
    public static TroubleshooterReading Read(string json, string? action, string? resource)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement, action, resource);
        }
        catch (JsonException e)
        {
            return TroubleshooterReading.Failed($"the IAM Access Troubleshooter's reply is not JSON: {e.Message}");
        }
    }

    /// <param name="action">The denied action: the evaluation of it is used (compared case-insensitively, as IAM does); null: the reply's one denied evaluation.</param>
    /// <param name="resource">The denied resource: among several evaluations of the action, the one of this resource.</param>
    public static TroubleshooterReading Read(JsonElement reply, string? action, string? resource)
    {
        if (reply.ValueKind != JsonValueKind.Object) return TroubleshooterReading.Failed("the IAM Access Troubleshooter's reply is not a JSON object");
        if (!Objects(reply, "evaluations", out var evaluations) || !Objects(reply, "policies", out var policyList))
            return TroubleshooterReading.Failed("the IAM Access Troubleshooter's reply has an evaluations or policies member that is not a list of objects");

        if (Choose(evaluations, action, resource) is not { } chosen)
            return TroubleshooterReading.Failed(action is null
                ? $"the IAM Access Troubleshooter's reply has {evaluations.Count} evaluations and not exactly one denied"
                : $"the IAM Access Troubleshooter's reply has no evaluation of {action}");

        var decision = Text(chosen, "evaluatedEffect") switch
        {
            "EXPLICIT_DENY" => PolicyDecision.ExplicitDeny,
            "IMPLICIT_DENY" => PolicyDecision.ImplicitDeny,
            "ALLOW" => (PolicyDecision?)PolicyDecision.Allowed,
            _ => null,
        };
        if (decision is null) return TroubleshooterReading.Failed($"the IAM Access Troubleshooter's evaluation has an unknown evaluatedEffect: {Text(chosen, "evaluatedEffect") ?? "(none)"}");
        if (!Objects(chosen, "matchedPolicies", out var matchedPolicies))
            return TroubleshooterReading.Failed("the IAM Access Troubleshooter's evaluation has a matchedPolicies member that is not a list of objects");

        var notes = new List<string>();
        var policies = policyList.Select(p => Policy(p, notes)).Where(p => p.Uri is not null).GroupBy(p => p.Uri!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var matched = new List<(EvaluatedPolicy Policy, string? Sid, PolicyEffect Effect)>();
        foreach (var m in matchedPolicies)
        {
            var uri = Text(m, "uri");
            var policy = uri is not null && policies.TryGetValue(uri, out var known) ? known : new EvaluatedPolicy(uri, null, null, [], null);
            if (!Objects(m, "matchedStatements", out var statements))
                return TroubleshooterReading.Failed("the IAM Access Troubleshooter's matched policy has a matchedStatements member that is not a list of objects");
            foreach (var s in statements)
            {
                PolicyEffect? effect = Text(s, "evaluatedEffect") switch { "ALLOW" => PolicyEffect.Allow, "DENY" => PolicyEffect.Deny, _ => null };
                if (effect is null) return TroubleshooterReading.Failed($"the IAM Access Troubleshooter's matched statement has an unknown evaluatedEffect: {Text(s, "evaluatedEffect") ?? "(none)"}");
                matched.Add((policy, Text(s, "sid"), effect.Value));
            }
        }

        var decisiveEffect = decision == PolicyDecision.Allowed ? PolicyEffect.Allow : PolicyEffect.Deny;
        var statementsFound = decision == PolicyDecision.ImplicitDeny
            ? []
            : matched.Where(m => m.Effect == decisiveEffect).Select(m => new StatementFinding(Reference(m.Policy, m.Sid), m.Effect, true, [], [])).ToList();
        DenialLayer? layer = decision switch
        {
            PolicyDecision.ExplicitDeny => statementsFound.Select(s => (DenialLayer?)s.Reference.Layer).FirstOrDefault(l => l != DenialLayer.Unknown),
            PolicyDecision.ImplicitDeny => LackingLayer(policies.Values.ToList(), matched.Where(m => m.Effect == PolicyEffect.Allow).Select(m => m.Policy).ToList()),
            _ => null,
        };
        var result = new EvaluationResult(decision.Value, TruthLogic.Of(decision != PolicyDecision.Allowed), layer, statementsFound, []);
        var documents = policies.Values.Where(p => p.Document is not null && Source(p) is { } source && source.PolicyName is null && (source.PolicyArn ?? source.ResourceArn) is not null && p.Inline != true)
            .Select(p => new SourcedPolicy(Source(p)!, p.Document!)).ToList();
        return new TroubleshooterReading(new PolicyEvaluation(PolicyEvaluation.AccessTroubleshooterSource, result), documents, null, notes);
    }

    /// <summary>The evaluation of the denied action (and resource, among several); with no action, the only denied one.</summary>
    private static JsonElement? Choose(List<JsonElement> evaluations, string? action, string? resource)
    {
        if (action is null)
        {
            var denied = evaluations.Where(e => Text(e, "evaluatedEffect") != "ALLOW").ToList();
            return denied.Count == 1 ? denied[0] : null;
        }

        var ofAction = evaluations.Where(e => string.Equals(Text(e, "action"), action, StringComparison.OrdinalIgnoreCase)).ToList();
        return ofAction.Where(e => resource is not null && Text(e, "resource") == resource).Select(e => (JsonElement?)e).FirstOrDefault()
            ?? ofAction.Where(e => Text(e, "evaluatedEffect") != "ALLOW").Select(e => (JsonElement?)e).FirstOrDefault()
            ?? ofAction.Select(e => (JsonElement?)e).FirstOrDefault();
    }

    /// <summary>
    /// The first layer that lacks a matched Allow: an SCP target none of whose SCPs allowed; no identity and no resource
    /// Allow; a boundary, session or endpoint policy that was evaluated without allowing; then a resource policy that did
    /// not allow while the identity did (cross-account, or a KMS key policy), or the reverse. Null when every layer allowed.
    /// </summary>
    private static DenialLayer? LackingLayer(IReadOnlyList<EvaluatedPolicy> policies, IReadOnlyList<EvaluatedPolicy> allowing)
    {
        bool Allows(EvaluatedPolicy p) => allowing.Any(a => a.Uri == p.Uri);
        bool LayerAllows(DenialLayer layer) => allowing.Any(a => a.Layer == layer);
        bool Evaluated(DenialLayer layer) => policies.Any(p => p.Layer == layer);

        var scps = policies.Where(p => p.Layer == DenialLayer.ServiceControlPolicy).ToList();
        var targets = scps.SelectMany(p => p.AttachedTo).Distinct(StringComparer.Ordinal).ToList();
        var scpLacking = targets.Count == 0
            ? scps.Count > 0 && !scps.Any(Allows)
            : targets.Any(t => !scps.Where(p => p.AttachedTo.Contains(t, StringComparer.Ordinal)).Any(Allows));
        if (scpLacking) return DenialLayer.ServiceControlPolicy;

        var identity = LayerAllows(DenialLayer.IdentityPolicy);
        var resource = LayerAllows(DenialLayer.ResourcePolicy);
        if (!identity && !resource) return DenialLayer.IdentityPolicy;
        foreach (var guardrail in GuardrailLayers)
        {
            if (Evaluated(guardrail) && !LayerAllows(guardrail)) return guardrail;
        }

        if (!resource && Evaluated(DenialLayer.ResourcePolicy)) return DenialLayer.ResourcePolicy;
        return identity ? null : DenialLayer.IdentityPolicy;
    }

    private static StatementReference Reference(EvaluatedPolicy policy, string? sid)
    {
        var source = Source(policy) ?? new PolicySource(DenialLayer.Unknown);
        int? index = null;
        if (sid is not null && policy.Document?.Statements.Where(s => s.Sid == sid).ToList() is [var only]) index = only.Index;
        return new StatementReference(source, sid, index);
    }

    /// <summary>Where a policy the reply names came from, by its layer: null when its type is unknown.</summary>
    private static PolicySource? Source(EvaluatedPolicy policy) => policy.Layer switch
    {
        null => null,
        DenialLayer.ResourcePolicy => new PolicySource(DenialLayer.ResourcePolicy, ResourceArn: policy.AttachedTo is [var target] ? target : null),
        // An inline policy's uri is an opaque id, not its name; any other uri is the policy's ARN when it is one.
        { } layer => new PolicySource(layer, PolicyArn: policy.Inline != true && policy.Uri is { } uri && uri.StartsWith("arn:", StringComparison.Ordinal) ? uri : null),
    };

    private static EvaluatedPolicy Policy(JsonElement p, List<string> notes)
    {
        var type = Text(p, "type");
        DenialLayer? layer = type is not null && Layers.TryGetValue(type, out var l) ? l : null;
        var inline = p.TryGetProperty("inline", out var i) && i.ValueKind is JsonValueKind.True or JsonValueKind.False ? i.GetBoolean() : (bool?)null;
        var attachedTo = Objects(p, "attachedTo", out var targets) ? targets.Select(t => Text(t, "arn")).OfType<string>().ToList() : [];
        PolicyDocument? document = null;
        if (p.TryGetProperty("document", out var d) && d.ValueKind == JsonValueKind.Object)
        {
            try
            {
                document = PolicyDocumentText.Parse(d, $"the captured policy {Text(p, "uri")}");
            }
            catch (PolicyFormatException e)
            {
                notes.Add($"The captured document of {Text(p, "uri")} is not a policy the evaluator reads ({e.Message}): its statements are named by Sid only.");
            }
        }

        return new EvaluatedPolicy(Text(p, "uri"), layer, inline, attachedTo, document);
    }

    /// <summary>A list of objects under <paramref name="name"/> (absent or null: empty); false when it is anything else.</summary>
    private static bool Objects(JsonElement parent, string name, out List<JsonElement> items)
    {
        items = [];
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return true;
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Object)) return false;
        items = value.EnumerateArray().ToList();
        return true;
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed record EvaluatedPolicy(string? Uri, DenialLayer? Layer, bool? Inline, IReadOnlyList<string> AttachedTo, PolicyDocument? Document);
}
