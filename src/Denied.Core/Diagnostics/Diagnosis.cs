using Denied.Remediation;

namespace Denied.Diagnostics;

/// <summary>
/// The diagnosis of one CloudTrail record: a stable contract (fields may be added, never renamed).
/// <see cref="Rendering.DiagnosisJson"/> writes it and <see cref="Rendering.DiagnosisJsonReader"/> reads it back: the
/// only places that spell its JSON field names.
/// </summary>
public sealed record Diagnosis
{
    public string? EventId { get; init; }
    public string? EventTime { get; init; }
    public string? Account { get; init; }
    public string? Region { get; init; }
    public string? EventSource { get; init; }
    public string? EventName { get; init; }

    /// <summary>False: not an access denial, and no finding comes of it.</summary>
    public bool Denied { get; init; }

    public string? ErrorCode { get; init; }

    /// <summary>The error message as recorded (bounded in length); escape it for every output.</summary>
    public string? ErrorMessage { get; init; }

    public string? UserAgent { get; init; }
    public required PrincipalInfo Principal { get; init; }
    public FunctionRef? Function { get; init; }

    /// <summary>The IAM action with its documented casing, or null when it cannot be told or IAM lacks it.</summary>
    public string? Action { get; init; }

    /// <summary>The resource ARN as evaluated; "*" for actions without resource-level permissions.</summary>
    public string? Resource { get; init; }

    public DenialLayer? Layer { get; init; }
    public bool? ExplicitDeny { get; init; }
    public string? DenyingPolicyArn { get; init; }

    /// <summary>
    /// IAM's authorization ID from the message ("... with the following authorization id: ID"), or null: with
    /// `aws iam-toolbox get-request-authorization-details` it shows AWS's own evaluation for about 24 hours.
    /// </summary>
    public string? AuthorizationId { get; init; }

    /// <summary>
    /// Which rule decided each field, by stable id: "denied" (detector row), "message" (message-catalogue row),
    /// "action" and "resource" (their sources), "layer" (layer rule). A field the engine did not decide is absent.
    /// </summary>
    public IReadOnlyDictionary<string, string> Evidence { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The request evaluated against the policies the user gave or that were read (null when none were): the
    /// decision, the deciding statements and near misses, and the layers not read.
    /// </summary>
    public Denied.Policies.PolicyEvaluation? Evaluation { get; init; }

    public Fix? Fix { get; init; }

    /// <summary>
    /// What the fix is built from, kept so a fix deferred by <see cref="Diagnoser.DiagnoseDeferringFix"/> can be built
    /// later, once per finding. Not part of the JSON contract.
    /// </summary>
    public FixRequest? FixRequest { get; init; }

    /// <summary>What the engine could not decide from this record, and why (shown to the user).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <param name="Kind">The caller kind.</param>
/// <param name="Arn">As in the event (the STS session ARN for roles).</param>
/// <param name="RoleArn">The IAM role ARN with its path, from sessionContext.sessionIssuer.</param>
/// <param name="FunctionName">The Lambda function the session belongs to, when told.</param>
public sealed record PrincipalInfo(PrincipalKind Kind, string? Arn, string? RoleArn, string? FunctionName)
{
    /// <summary>Session name of an assumed-role caller (the function name for Lambda sessions).</summary>
    public string? SessionName { get; init; }

    /// <summary>Why the caller was (or was not) taken for a Lambda function: session name, user agent, inventory.</summary>
    public string? AttributionEvidence { get; init; }
}

/// <summary>The Lambda function the finding belongs to, and the role whose permissions are lacking.</summary>
public sealed record FunctionRef(string? Name, string? RoleArn);
