using Denied.Diagnostics;

namespace Denied.Remediation;

/// <summary>
/// The minimal (action, resource, layer) a fix is built from, plus the context that scopes it.
/// Every string may come from a CloudTrail record and is treated as attacker-controlled.
/// </summary>
public sealed record FixRequest
{
    /// <summary>The IAM action with its documented casing ("s3:GetObject"), or null when unknown (no statement is written).</summary>
    public required string? Action { get; init; }

    /// <summary>The resource ARN as evaluated, "*" for actions without resource-level permissions, or null when unknown.</summary>
    public required string? Resource { get; init; }

    /// <summary>
    /// How many trailing characters of <see cref="Resource"/> are IAM wildcards on purpose (a secret named without
    /// its random suffix ends in "-??????"). They are written as wildcards; the rest of the resource is escaped as
    /// literal text. 0, the default: the whole resource is literal. Honoured only when those characters are all '?' or '*'.
    /// </summary>
    public int ResourceWildcardSuffixLength { get; init; }

    /// <summary>
    /// The account that owns the resource, as the record's resources[] states it (S3 bucket ARNs carry no account);
    /// null when the record does not say. Compared with the role's account to tell a cross-account call.
    /// </summary>
    public string? ResourceAccount { get; init; }

    public required DenialLayer Layer { get; init; }

    /// <summary>True: an explicit deny (never answered with an Allow). Null when the record does not say; treated as implicit.</summary>
    public bool? ExplicitDeny { get; init; }

    /// <summary>The policy ARN AWS appended to the message, when present.</summary>
    public string? DenyingPolicyArn { get; init; }

    /// <summary>The execution role ARN with its path (arn:aws:iam::123456789012:role/service/my-fn-role).</summary>
    public string? RoleArn { get; init; }

    public string? FunctionName { get; init; }
    public string? Account { get; init; }
    public string? Region { get; init; }

    /// <summary>
    /// For a denied invocation of a function: the service principal ("s3.amazonaws.com") or the account id / ARN
    /// that tried to invoke it. Null when the caller is the execution role itself.
    /// </summary>
    public string? CallerPrincipal { get; init; }

    /// <summary>
    /// The caller as the error message names it ("arn:aws:sts::111122223333:assumed-role/caller-role/caller-fn"), when
    /// the record's userIdentity names only an account (a resource owner's copy of a cross-account call).
    /// </summary>
    public string? MessagePrincipal { get; init; }

    /// <summary>The triggering resource (bucket ARN, rule ARN) when known; it scopes the aws:SourceArn condition.</summary>
    public string? SourceArn { get; init; }

    /// <summary>Lambda rejected CreateEventSourceMapping / CreateFunction / UpdateFunctionConfiguration because the role lacks a permission.</summary>
    public bool IsConfigurationTime { get; init; }

    /// <summary>
    /// Lambda could not assume the function's role ("The role defined for the function cannot be assumed by Lambda."):
    /// <see cref="Resource"/> is the role, whose trust policy must allow lambda.amazonaws.com.
    /// </summary>
    public bool IsTrustPolicyRejection { get; init; }

    /// <summary>
    /// IAM's authorization ID for this denial ([0-9a-z]+; IAM UG "Troubleshoot access denied errors with an authorization
    /// ID"), when the message carries one: `aws iam-toolbox get-request-authorization-details` shows AWS's own evaluation.
    /// </summary>
    public string? AuthorizationId { get; init; }

    /// <summary>
    /// A plain S3 "Access Denied" recorded on or after 2024-08-21, when S3 began to give same-account (later
    /// same-organization) callers the enhanced message: the request most likely came from outside the bucket owner's
    /// account or organization (S3 UG "Troubleshoot access denied (403 Forbidden) errors").
    /// </summary>
    public bool PlainS3DenialPointsOutside { get; init; }

    /// <summary>
    /// The call behind a KMS denial when the key encrypts another service's resource: "sns:Publish" to an SSE-KMS topic,
    /// "sqs:SendMessage" to an SSE-KMS queue. Their senders need kms:GenerateDataKey* and kms:Decrypt on the key.
    /// </summary>
    public string? EncryptedResourceCall { get; init; }

    /// <summary>
    /// Why no fix may be suggested although the denial is diagnosed (the message names another caller than the record),
    /// or null. When set, the fix is this note alone: no statement, command or snippet.
    /// </summary>
    public string? WithheldReason { get; init; }

    /// <summary>A near-miss Allow in the role's own policy that the fix edits instead of adding a statement; null otherwise.</summary>
    public StatementEdit? StatementEdit { get; init; }
}
