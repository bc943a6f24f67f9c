using Denied.Policies;
using FixRequest = Denied.Remediation.FixRequest;
using StatementEdit = Denied.Remediation.StatementEdit;

namespace Denied.Diagnostics;

/// <summary>
/// What a policy evaluation changes in a diagnosis: it is attached as <see cref="Diagnosis.Evaluation"/>; a denial
/// it explains moves the fix to the side that lacks the Allow (or to the Deny that applied) and fills a layer the
/// message left unknown; notes name the deciding statement or the near miss to edit, and, when the policies read
/// allow the request, say the denial came from what could not be read or from a policy changed since the event.
/// </summary>
public static class EvaluatedDiagnosis
{
    /// <summary>The evidence rule id of a layer the evaluation decided.</summary>
    public const string LayerRule = "policy-evaluation";

    private const string AwsManagedPrefix = "arn:aws:iam::aws:policy/";

    public static Diagnosis Apply(Diagnosis diagnosis, PolicyEvaluation evaluation, IReadOnlyList<SourcedPolicy> read)
    {
        evaluation = WithoutOtherServices(evaluation, read, diagnosis.FixRequest?.Action);
        if (diagnosis.FixRequest is not { } request) return diagnosis with { Evaluation = evaluation };
        var result = evaluation.Result;
        var notes = new List<string>(diagnosis.Notes);
        var layer = diagnosis.Layer;
        var explicitDeny = diagnosis.ExplicitDeny;
        var denyingPolicyArn = diagnosis.DenyingPolicyArn;
        var evidence = new SortedDictionary<string, string>(diagnosis.Evidence.ToDictionary(), StringComparer.Ordinal);
        var unseen = result.Unseen.Count == 0 ? "none" : string.Join(", ", result.Unseen.Select(Codes.Of));
        var fromAws = evaluation.Source == PolicyEvaluation.AccessTroubleshooterSource;
        switch (result.Decision)
        {
            case PolicyDecision.ExplicitDeny:
                foreach (var deny in result.Statements.Where(s => s.Decisive))
                    notes.Add($"{Where(deny.Reference)} denies it{ConditionText(deny.Reference, read)}. An explicit deny cannot be answered with an Allow: {WhoCanChange(deny.Reference, diagnosis.Account)} can change that statement.");
                denyingPolicyArn ??= result.Statements.FirstOrDefault(s => s.Decisive)?.Reference.Source.PolicyArn;
                explicitDeny = true;
                break;
            case PolicyDecision.ImplicitDeny:
                notes.Add(fromAws
                    ? $"The IAM Access Troubleshooter recorded an implicit deny: {(result.Layer is { } lacking ? $"the {Codes.Of(lacking)} lacks the Allow" : "its record does not say which layer lacks the Allow")}."
                    : $"No policy read allows it: the {Codes.Of(result.Layer!.Value)} lacks the Allow (layers not read: {unseen}).");
                explicitDeny = false;
                break;
            case PolicyDecision.Allowed:
                notes.Add(fromAws
                    ? "The IAM Access Troubleshooter recorded this action on this resource as allowed; the layer the message names still stands."
                    : $"The policies read allow this request, so the denial came from a layer that could not be read ({unseen}) or from a policy changed since the event; the layer the message names still stands.");
                break;
            default:
                var keys = result.Statements.SelectMany(s => s.UndeterminedKeys).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                notes.Add($"The outcome hangs on condition keys the record does not give ({(keys.Count == 0 ? "none named" : string.Join(", ", keys))}); layers not read: {unseen}.");
                break;
        }

        foreach (var miss in result.Statements.Where(s => !s.Decisive && s.Effect == PolicyEffect.Allow))
            notes.Add(NearMissNote(miss, request.Action, request.Resource));

        var denied = result.Decision is PolicyDecision.ExplicitDeny or PolicyDecision.ImplicitDeny && result.Layer is not null;
        if (denied && (layer is null or DenialLayer.Unknown))
        {
            layer = result.Layer;
            evidence["layer"] = LayerRule;
        }
        else if (denied && layer != result.Layer)
        {
            notes.Add($"The message names the {Codes.Of(layer!.Value)}; {(fromAws ? "the IAM Access Troubleshooter's record puts" : "the policies read put")} the denial in the {Codes.Of(result.Layer!.Value)}, and the fix follows {(fromAws ? "it" : "them")}.");
        }

        var fixRequest = denied
            ? request with { Layer = result.Layer!.Value, ExplicitDeny = result.Decision == PolicyDecision.ExplicitDeny, DenyingPolicyArn = denyingPolicyArn }
            : request;
        if (result is { Decision: PolicyDecision.ImplicitDeny, Layer: DenialLayer.IdentityPolicy } && Edit(result, read, fixRequest) is { } edit)
            fixRequest = fixRequest with { StatementEdit = edit };
        return diagnosis with
        {
            Evaluation = evaluation,
            Layer = layer,
            ExplicitDeny = explicitDeny,
            DenyingPolicyArn = denyingPolicyArn,
            Evidence = evidence,
            FixRequest = fixRequest,
            Fix = null,
            Notes = notes.Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>
    /// Drops near misses on the action whose statement names no action of the denied call's service (an Allow of
    /// logs:* is no near miss of s3:GetObject: it is never the statement to edit).
    /// </summary>
    private static PolicyEvaluation WithoutOtherServices(PolicyEvaluation evaluation, IReadOnlyList<SourcedPolicy> read, string? action)
    {
        var result = evaluation.Result;
        var kept = result.Statements.Where(s => s.Decisive || !s.Mismatch.Contains("action") || NamesServiceOf(s.Reference, read, action)).ToList();
        return kept.Count == result.Statements.Count ? evaluation : evaluation with { Result = result with { Statements = kept } };
    }

    private static bool NamesServiceOf(StatementReference reference, IReadOnlyList<SourcedPolicy> read, string? action)
    {
        if (StatementOf(reference, read) is not { } statement || action is null) return true;
        var prefix = action.Split(':')[0] + ":";
        return (statement.Actions ?? statement.NotActions ?? []).Any(a => a == "*" || a.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The first near-miss Allow of the role's inline or customer managed policies that lacks only the resource or
    /// only the action, with the denied one added: exactly the denied action or resource, never a wildcard of ours.
    /// </summary>
    private static StatementEdit? Edit(EvaluationResult result, IReadOnlyList<SourcedPolicy> read, FixRequest request)
    {
        if (request.Action is not { } action || request.Resource is not { Length: > 0 }) return null;
        foreach (var miss in result.Statements.Where(s => !s.Decisive && s.Effect == PolicyEffect.Allow && s.Reference.Layer == DenialLayer.IdentityPolicy && s.Mismatch.Count == 1))
        {
            var source = miss.Reference.Source;
            if (source.PolicyName is null && (source.PolicyArn is null || source.PolicyArn.StartsWith(AwsManagedPrefix, StringComparison.Ordinal))) continue;
            var policy = read.FirstOrDefault(p => p.Source == source);
            if (policy is null || StatementOf(miss.Reference, read) is not { } statement) continue;
            PolicyStatement edited;
            string element, added;
            if (miss.Mismatch[0] == "resource" && statement.Resources is { } resources)
            {
                (element, added) = ("Resource", Denied.Remediation.IamLiteral.Resource(request));
                edited = statement with { Resources = [.. resources, added] };
            }
            else if (miss.Mismatch[0] == "action" && statement.Actions is { } actions)
            {
                (element, added) = ("Action", action);
                edited = statement with { Actions = [.. actions, added] };
            }
            else
            {
                continue;
            }

            var document = policy.Document with { Statements = policy.Document.Statements.Select(s => s.Index == statement.Index ? edited : s).ToList() };
            return new StatementEdit(source.PolicyName, source.PolicyName is null ? source.PolicyArn : null, statement.Sid, statement.Index, element, added, PolicyDocumentJson.Write(document));
        }

        return null;
    }

    /// <summary>A near-miss Allow: what it lacks, and how to change it (edit the statement; an AWS managed policy never).</summary>
    private static string NearMissNote(StatementFinding miss, string? action, string? resource)
    {
        var lacks = string.Join(", ", miss.Mismatch);
        var text = $"{Where(miss.Reference)} nearly allows it: it does not match on {lacks}.";
        var source = miss.Reference.Source;
        if (source.Layer != DenialLayer.IdentityPolicy || miss.Mismatch.Count != 1 || miss.Mismatch[0] is not ("action" or "resource")) return text;
        if (source.PolicyArn is { } arn && arn.StartsWith(AwsManagedPrefix, StringComparison.Ordinal))
            return $"{text} AWS managed policies cannot be edited: the statement goes in the role's own policy instead.";
        return $"{text} The fix edits that statement.";
    }

    /// <summary>The statement in words: its Sid (or zero-based index) and its policy; a name the source did not give is said to be missing, never made up.</summary>
    public static string Where(StatementReference reference)
    {
        var statement = reference.Sid is { Length: > 0 } sid ? $"statement \"{sid}\""
            : reference.Index is { } index ? $"statement {index} (zero-based)"
            : "a statement";
        var s = reference.Source;
        var policy = s.Layer switch
        {
            DenialLayer.ServiceControlPolicy => OrganizationPolicy("SCP", s),
            DenialLayer.ResourceControlPolicy => OrganizationPolicy("RCP", s),
            DenialLayer.PermissionsBoundary => $"permissions boundary {s.PolicyArn ?? "(not named)"}",
            DenialLayer.ResourcePolicy => s.ResourceArn is { } r && r.Contains(":iam::", StringComparison.Ordinal) && r.Contains(":role/", StringComparison.Ordinal)
                ? $"the trust policy of {r}"
                : s.ResourceArn is { } resource ? $"the resource policy of {resource}" : "the resource policy",
            DenialLayer.SessionPolicy => s.PolicyArn is { } sessionArn ? $"session policy {sessionArn}" : "the session policy",
            DenialLayer.VpcEndpointPolicy => "the VPC endpoint policy",
            _ => s.PolicyName is { } name ? $"inline policy {name}"
                : s.PolicyArn is { } arn ? $"managed policy {arn}"
                : "an identity policy whose name is not given (an inline policy)",
        };
        return $"{char.ToUpperInvariant(statement[0])}{statement[1..]} of {policy}";
    }

    private static string OrganizationPolicy(string kind, PolicySource s) =>
        s.PolicyName is { } name ? $"{kind} {name} ({s.PolicyArn})" : $"{kind} {s.PolicyArn ?? "(not named)"}";

    private static string ConditionText(StatementReference reference, IReadOnlyList<SourcedPolicy> read)
    {
        if (StatementOf(reference, read) is not { } statement) return "";
        var conditions = statement.Conditions;
        return conditions.Count == 0
            ? " (it has no condition)"
            : $": its condition on {string.Join(", ", conditions.Select(c => c.Key).Distinct(StringComparer.OrdinalIgnoreCase))} applied to this request";
    }

    /// <summary>The statement a reference names in the policies read; null when its policy was not read or its index is not known.</summary>
    private static PolicyStatement? StatementOf(StatementReference reference, IReadOnlyList<SourcedPolicy> read) =>
        read.FirstOrDefault(p => p.Source == reference.Source) is { } policy && reference.Index is { } index && index < policy.Document.Statements.Count
            ? policy.Document.Statements[index]
            : null;

    /// <summary>Who can change a statement of this layer.</summary>
    private static string WhoCanChange(StatementReference reference, string? account) => reference.Layer switch
    {
        DenialLayer.ServiceControlPolicy or DenialLayer.ResourceControlPolicy => "only the organization's management account (or a delegated administrator for Organizations policies)",
        DenialLayer.ResourcePolicy => $"the owner of {reference.Source.ResourceArn}",
        _ => $"an IAM administrator of account {account ?? "(unknown)"}",
    };
}
