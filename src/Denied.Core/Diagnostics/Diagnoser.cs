using Denied.Actions;
using Denied.Classification;
using Denied.CloudTrail;
using Denied.Iam;
using Denied.Policies;
using Denied.Principals;
using Denied.Remediation;
using Denied.Resources;

namespace Denied.Diagnostics;

/// <summary>
/// From one CloudTrail record to a diagnosis and its fix: is it a denial, whose, which action on which resource, which layer, and the fix.
/// Pure and deterministic: the same record, catalog and inventory always give the same diagnosis.
/// Thread-safe; build one and share it.
/// </summary>
/// <param name="policies">Policies to evaluate each denial against (offline files or read live); null: the text diagnosis alone.</param>
public sealed class Diagnoser(IamCatalog catalog, FunctionInventory? inventory = null, PolicyFiles? policies = null)
{
    /// <summary>The error message kept in a diagnosis is cut here; renderers cut further for their formats.</summary>
    public const int MaxMessageLength = 4096;

    /// <summary>The full diagnosis of one record, with its fix.</summary>
    public Diagnosis Diagnose(CloudTrailRecord record) => WithFix(DiagnoseDeferringFix(record));

    /// <summary>
    /// The diagnosis without building its fix (the costliest step): a batch or a scan keeps only the latest
    /// diagnosis of each finding, so it builds that one fix with <see cref="WithFix"/> instead of one per event.
    /// </summary>
    public Diagnosis DiagnoseDeferringFix(CloudTrailRecord record)
    {
        var signal = DenialDetector.Detect(record);
        var principal = PrincipalResolver.Resolve(record, inventory);
        var diagnosis = new Diagnosis
        {
            EventId = record.EventId,
            EventTime = record.EventTime,
            Account = record.RecipientAccountId ?? CallerAccount.Of(record.UserIdentity),
            Region = record.AwsRegion,
            EventSource = record.EventSource,
            EventName = record.EventName,
            Denied = signal.Kind != DenialKind.NotDenied,
            ErrorCode = record.ErrorCode,
            ErrorMessage = Bounded(record.ErrorMessage),
            UserAgent = Bounded(record.UserAgent),
            Principal = principal,
        };

        var message = AccessDeniedMessageParser.Parse(record.ErrorMessage);
        var evidence = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Add(evidence, "denied", signal.Rule);
        Add(evidence, "message", message?.Pattern);
        if (signal.Kind == DenialKind.NotDenied)
        {
            return diagnosis with { Notes = [signal.Reason], Evidence = evidence };
        }

        var configurationTime = signal.Kind == DenialKind.ConfigurationTime;
        var secretsManagerKms = SecretsManagerKmsDenial.Action(record, message);
        var messageAction = configurationTime ? message?.ConfigurationAction : secretsManagerKms ?? message?.Action;
        var action = ActionResolver.Resolve(record, messageAction, catalog);
        var (messageArn, messageResourceNote) = MessageArn(message, record.AwsRegion);
        var resource = configurationTime
            ? ConfigurationTimeResource.Resolve(record, action.Action, catalog)
            : ResourceResolver.Resolve(record, action.Action, messageArn, catalog);
        resource = LambdaNetworkInterfaces.Resource(resource, action.Action, configurationTime, principal);
        var layer = LayerClassifier.Classify(record, message, principal);
        var function = FunctionAttributor.Attribute(record, signal, principal, action.Action, message, inventory);
        var trustRejection = message?.Shape == MessageShape.LambdaTrustPolicyRejection;
        Add(evidence, "action", action.Source);
        Add(evidence, "resource", resource.Source);
        Add(evidence, "layer", layer.Rule);
        var fixRequest = new FixRequest
        {
            Action = action.Action,
            Resource = resource.Resource,
            ResourceWildcardSuffixLength = resource.WildcardSuffixLength,
            ResourceAccount = ResourceOwner.Of(record, resource.Resource),
            Layer = layer.Layer,
            ExplicitDeny = layer.ExplicitDeny,
            DenyingPolicyArn = layer.DenyingPolicyArn,
            RoleArn = FixRoleArn(function, principal, message, configurationTime || ForeignInvocation.IsForeignInvoke(record, principal, action.Action)),
            FunctionName = function?.Name ?? principal.FunctionName,
            Account = diagnosis.Account,
            Region = diagnosis.Region,
            // Lambda itself assumes the role: the trust policy must name lambda.amazonaws.com.
            CallerPrincipal = trustRejection ? "lambda.amazonaws.com" : CallerOf(record, principal),
            MessagePrincipal = message?.Principal,
            SourceArn = SourceArnOf(record),
            IsConfigurationTime = configurationTime,
            IsTrustPolicyRejection = trustRejection,
            AuthorizationId = message?.AuthorizationId,
            PlainS3DenialPointsOutside = PlainS3Denial.PointsOutside(record, message),
            EncryptedResourceCall = EncryptedResourceCalls.Of(record, action.Action),
            WithheldReason = MessagePrincipalCheck.Disagreement(record, message),
        };

        var notes = new List<string> { signal.Reason, layer.Reason };
        notes.AddRange(action.Notes);
        // Configuration-time rejections, a secret's KMS denial, Lambda's environment decryption and the key behind an
        // encrypted topic or queue name another service's action by design, and say so in their own notes.
        if (action.Source == ActionResolver.FromMessage && !configurationTime && secretsManagerKms is null && message?.LambdaEnvironmentDecryption != true
            && fixRequest.EncryptedResourceCall is null && MessageActionCheck.Note(record, action.Action, catalog) is { } actionNote)
        {
            notes.Add(actionNote);
        }

        if (messageResourceNote is not null)
        {
            notes.Add(messageResourceNote);
        }

        notes.AddRange(resource.Notes);
        if (message?.Shape == MessageShape.KmsAccessNotAllowed && !configurationTime)
        {
            notes.Add(SecretsManagerKmsDenial.Note(secretsManagerKms));
        }

        if (message?.LambdaEnvironmentDecryption == true)
        {
            notes.Add(EnvironmentDecryptionNote(function, message));
        }

        if (message?.EncodedAuthorizationMessage is not null)
        {
            notes.Add(message.EncodedMessageTruncated
                ? "EC2 returned an encoded authorization message, but CloudTrail cut it: it cannot be decoded; reproduce the call and decode the full message with `aws sts decode-authorization-message`."
                : "EC2 returned an encoded authorization message: decode it with `aws sts decode-authorization-message --encoded-message ...` (needs sts:DecodeAuthorizationMessage) to see the exact policy that denied.");
        }

        var diagnosed = diagnosis with
        {
            Function = function,
            Action = action.Action,
            Resource = resource.Resource,
            Layer = layer.Layer,
            ExplicitDeny = layer.ExplicitDeny,
            DenyingPolicyArn = layer.DenyingPolicyArn,
            AuthorizationId = fixRequest.AuthorizationId,
            Evidence = evidence,
            FixRequest = fixRequest,
            Notes = notes.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList(),
        };
        return policies is not null ? Evaluate(record, diagnosed, policies) : diagnosed;
    }

    /// <summary>
    /// A denial diagnosed without policies, evaluated against <paramref name="policies"/> (read live for this denial,
    /// say), with the policies' notes added; the fix is left to <see cref="WithFix"/>. A record that is no denial, or
    /// gives no request to evaluate, keeps its diagnosis (plus the notes).
    /// </summary>
    public static Diagnosis Evaluate(CloudTrailRecord record, Diagnosis diagnosis, PolicyFiles policies)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        ArgumentNullException.ThrowIfNull(policies);
        if (!diagnosis.Denied || diagnosis.FixRequest is not { } request)
        {
            return diagnosis;
        }

        var evaluated = DiagnosisEvaluator.Evaluate(record, request, diagnosis.Principal.Kind, policies) is { } e
            ? EvaluatedDiagnosis.Apply(diagnosis, e.Evaluation, e.Read)
            : diagnosis;
        return policies.Notes.Count == 0
            ? evaluated
            : evaluated with { Notes = evaluated.Notes.Concat(policies.Notes).Distinct(StringComparer.Ordinal).ToList() };
    }

    /// <summary>The diagnosis with its fix built, if it was deferred.</summary>
    public static Diagnosis WithFix(Diagnosis diagnosis) =>
        diagnosis is { Fix: null, FixRequest: { } request }
            ? diagnosis with { Fix = request is { StatementEdit: { } edit, WithheldReason: null } ? StatementEditFix.Apply(FixBuilder.Build(request), request, edit) : FixBuilder.Build(request) }
            : diagnosis;

    /// <summary>
    /// The diagnosis with an evaluation made outside the diagnoser (the IAM Access Troubleshooter's,
    /// <see cref="TroubleshooterEvaluation"/>), applied as the diagnoser's own are: layer, explicit deny, fix target and
    /// notes follow it. When it puts an implicit deny in the identity policies, the near misses are looked for in the
    /// captured identity <paramref name="documents"/>, so the fix can edit one of them (never an AWS managed policy).
    /// The diagnosis must carry no evaluation yet (from a diagnoser without policies): one evaluation per diagnosis.
    /// </summary>
    public static Diagnosis WithEvaluation(Diagnosis diagnosis, CloudTrailRecord record, PolicyEvaluation evaluation, IReadOnlyList<SourcedPolicy> documents)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        ArgumentNullException.ThrowIfNull(evaluation);
        if (diagnosis.Evaluation is not null) throw new ArgumentException("the diagnosis already carries an evaluation", nameof(diagnosis));
        if (evaluation.Result is { Decision: PolicyDecision.ImplicitDeny, Layer: DenialLayer.IdentityPolicy } result && diagnosis.FixRequest is { } request)
        {
            var identity = documents.Where(d => d.Source.Layer == DenialLayer.IdentityPolicy).ToList();
            evaluation = evaluation with { Result = result with { Statements = [.. result.Statements, .. DiagnosisEvaluator.IdentityNearMisses(record, request, identity)] } };
        }

        return WithFix(EvaluatedDiagnosis.Apply(diagnosis, evaluation, documents));
    }

    /// <summary>
    /// The message's resource as an ARN (<see cref="MessageResource"/>); "role NAME" and "access key ID" forms name no ARN.
    /// </summary>
    private static (string? Arn, string? Note) MessageArn(ParsedDenialMessage? message, string? region) =>
        message is { ResourceType: null, Resource: { } r } ? MessageResource.ToArn(r, region) : (null, null);

    /// <summary>
    /// The role whose policy the fix changes: the function's, else the caller's. Never the caller's when the caller is
    /// not the one denied: when Lambda could not decrypt the invoked function's environment (the function's role was
    /// refused), and for configuration-time rejections, where the caller is whoever deploys (a CI role, a person) and
    /// the role Lambda checked is the function's execution role, named only by the request or the inventory; and for a
    /// service or another account denied the invoke, where the caller's role is not the function's.
    /// </summary>
    private static string? FixRoleArn(FunctionRef? function, PrincipalInfo principal, ParsedDenialMessage? message, bool callerIsNotTheRole) =>
        message?.LambdaEnvironmentDecryption == true || callerIsNotTheRole ? function?.RoleArn : function?.RoleArn ?? principal.RoleArn;

    private static void Add(SortedDictionary<string, string> evidence, string field, string? rule)
    {
        if (rule is { Length: > 0 })
        {
            evidence[field] = rule;
        }
    }

    private static string EnvironmentDecryptionNote(FunctionRef? function, ParsedDenialMessage message)
    {
        var note = "Lambda decrypts a function's environment variables with the function's execution role when it starts an invocation: "
            + $"the role of {function?.Name ?? "the invoked function"} was refused by KMS, and the caller's own permission to invoke was not the problem.";
        if (function?.RoleArn is null)
        {
            return note + " The record does not name that role; find it with aws lambda get-function-configuration --query Role (and the key with --query KMSKeyArn).";
        }

        // A role read from the message's STS session ARN has no path; the inventory's has.
        return function.RoleArn == RoleArns.FromSessionArn(message.Principal)
            ? note + " The role ARN is read from the message, which drops the role's path: check it with aws lambda get-function-configuration --query Role before using it in a key policy."
            : note;
    }

    private static string? Bounded(string? text) =>
        text is { Length: > MaxMessageLength } ? text[..MaxMessageLength] + "…" : text;

    /// <summary>The denied caller when it is a service or another account (resource-policy invocation denials).</summary>
    private static string? CallerOf(CloudTrailRecord record, PrincipalInfo principal) => principal.Kind switch
    {
        PrincipalKind.AwsService => record.UserIdentity?.InvokedBy ?? record.SourceIpAddress,
        _ when record.UserIdentity?.InvokedBy is { } service => service,
        _ when CallerAccount.Of(record.UserIdentity) is { } account && account != record.RecipientAccountId => principal.Arn ?? account,
        _ => null,
    };

    /// <summary>The triggering resource for aws:SourceArn conditions, where the record names one.</summary>
    private static string? SourceArnOf(CloudTrailRecord record) =>
        record.RequestParameters is { ValueKind: System.Text.Json.JsonValueKind.Object } p
        && p.TryGetProperty("sourceArn", out var s) && s.ValueKind == System.Text.Json.JsonValueKind.String
            ? s.GetString()
            : null;
}
