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
}
