using Denied.Actions;
using Denied.Classification;
using Denied.CloudTrail;
using Denied.Iam;
using Denied.Principals;
using Denied.Remediation;
using Denied.Resources;

namespace Denied.Diagnostics;

/// <summary>
/// From one CloudTrail record to a diagnosis and its fix (PRODUCT.md "What the detector decides", steps 1-5).
/// Pure and deterministic: the same record, catalog and inventory always give the same diagnosis.
/// Thread-safe; build one and share it.
/// </summary>
public sealed class Diagnoser(IamCatalog catalog, FunctionInventory? inventory = null)
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
            Account = record.RecipientAccountId ?? record.UserIdentity?.AccountId,
            Region = record.AwsRegion,
            EventSource = record.EventSource,
            EventName = record.EventName,
            Denied = signal.Kind != DenialKind.NotDenied,
            ErrorCode = record.ErrorCode,
            ErrorMessage = Bounded(record.ErrorMessage),
            UserAgent = Bounded(record.UserAgent),
            Principal = principal,
        };

        if (signal.Kind == DenialKind.NotDenied)
        {
            return diagnosis with { Notes = [signal.Reason] };
        }

        var message = AccessDeniedMessageParser.Parse(record.ErrorMessage);
        var configurationTime = signal.Kind == DenialKind.ConfigurationTime;
        var action = ActionResolver.Resolve(record, configurationTime ? message?.ConfigurationAction : message?.Action, catalog);
        var resource = configurationTime
            ? ConfigurationTimeResource.Resolve(record, action.Action, catalog)
            : ResourceResolver.Resolve(record, action.Action, MessageArn(message), catalog);
        var layer = LayerClassifier.Classify(record, message, principal);
        var function = FunctionAttributor.Attribute(record, signal, principal, action.Action, inventory);
        var fixRequest = new FixRequest
        {
            Action = action.Action,
            Resource = resource.Resource,
            ResourceWildcardSuffixLength = resource.WildcardSuffixLength,
            ResourceAccount = ResourceOwner.Of(record, resource.Resource),
            Layer = layer.Layer,
            ExplicitDeny = layer.ExplicitDeny,
            DenyingPolicyArn = layer.DenyingPolicyArn,
            RoleArn = function?.RoleArn ?? principal.RoleArn,
            FunctionName = function?.Name ?? principal.FunctionName,
            Account = diagnosis.Account,
            Region = diagnosis.Region,
            CallerPrincipal = CallerOf(record, principal),
            MessagePrincipal = message?.Principal,
            SourceArn = SourceArnOf(record),
            IsConfigurationTime = configurationTime,
        };

        var notes = new List<string> { signal.Reason, layer.Reason };
        notes.AddRange(action.Notes);
        notes.AddRange(resource.Notes);
        if (message?.EncodedAuthorizationMessage is not null)
        {
            notes.Add(message.EncodedMessageTruncated
                ? "EC2 returned an encoded authorization message, but CloudTrail cut it: it cannot be decoded; reproduce the call and decode the full message with `aws sts decode-authorization-message`."
                : "EC2 returned an encoded authorization message: decode it with `aws sts decode-authorization-message --encoded-message ...` (needs sts:DecodeAuthorizationMessage) to see the exact policy that denied.");
        }

        return diagnosis with
        {
            Function = function,
            Action = action.Action,
            Resource = resource.Resource,
            Layer = layer.Layer,
            ExplicitDeny = layer.ExplicitDeny,
            DenyingPolicyArn = layer.DenyingPolicyArn,
            FixRequest = fixRequest,
            Notes = notes.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>The diagnosis with its fix built, if it was deferred.</summary>
    public static Diagnosis WithFix(Diagnosis diagnosis) =>
        diagnosis is { Fix: null, FixRequest: { } request } ? diagnosis with { Fix = FixBuilder.Build(request) } : diagnosis;

    /// <summary>The message's resource when it is an ARN; "role NAME" and "access key ID" forms name no ARN.</summary>
    private static string? MessageArn(ParsedDenialMessage? message) =>
        message is { ResourceType: null, Resource: { } r } ? r : null;

    private static string? Bounded(string? text) =>
        text is { Length: > MaxMessageLength } ? text[..MaxMessageLength] + "…" : text;

    /// <summary>The denied caller when it is a service or another account (resource-policy invocation denials).</summary>
    private static string? CallerOf(CloudTrailRecord record, PrincipalInfo principal) => principal.Kind switch
    {
        PrincipalKind.AwsService => record.UserIdentity?.InvokedBy ?? record.SourceIpAddress,
        _ when record.UserIdentity?.InvokedBy is { } service => service,
        _ when record.UserIdentity?.AccountId is { } account && account != record.RecipientAccountId => principal.Arn ?? account,
        _ => null,
    };

    /// <summary>The triggering resource for aws:SourceArn conditions, where the record names one.</summary>
    private static string? SourceArnOf(CloudTrailRecord record) =>
        record.RequestParameters is { ValueKind: System.Text.Json.JsonValueKind.Object } p
        && p.TryGetProperty("sourceArn", out var s) && s.ValueKind == System.Text.Json.JsonValueKind.String
            ? s.GetString()
            : null;
}
