namespace Denied.Classification;

/// <summary>
/// What an access-denied errorMessage says, field by field; null where the message is silent.
/// Every value is attacker-influenced text copied from the record: escape it for every output.
/// </summary>
public sealed record ParsedDenialMessage
{
    /// <summary>Which documented form matched.</summary>
    public MessageShape Shape { get; init; }

    /// <summary>The stable name of the catalogue row that matched (<see cref="MessagePatternCatalogue"/>), for the diagnosis' evidence.</summary>
    public string? Pattern { get; init; }

    /// <summary>
    /// IAM's authorization ID from the sentence "... call the GetRequestAuthorizationDetails API with the following
    /// authorization id: ID" (IAM UG "Troubleshoot access denied errors with an authorization ID"); null when absent.
    /// </summary>
    public string? AuthorizationId { get; init; }

    /// <summary>The caller as written: "arn:aws:sts::...:assumed-role/r/fn" (no role path: STS drops it).</summary>
    public string? Principal { get; init; }

    /// <summary>As written, e.g. "SNS:Publish" or "sqs:sendmessage": services vary the prefix case.</summary>
    public string? Action { get; init; }

    /// <summary>The resource, unquoted (S3 quotes it); for <see cref="ResourceType"/> forms the bare name or key ID.</summary>
    public string? Resource { get; init; }

    /// <summary>"role" or "access key ID" when the message names the resource that way instead of by ARN.</summary>
    public string? ResourceType { get; init; }

    /// <summary>
    /// Normalised: "identity-based policy", "resource-based policy", "service control policy",
    /// "resource control policy", "permissions boundary", "session policy", "VPC endpoint policy",
    /// "role trust policy"; an unknown type is kept as written.
    /// </summary>
    public string? PolicyType { get; init; }

    /// <summary>True for "with an explicit deny", false for "because no ... allows", null when not said.</summary>
    public bool? ExplicitDeny { get; init; }

    /// <summary>The ": arn:..." suffix AWS appends for same-account and same-organization denials.</summary>
    public string? PolicyArn { get; init; }

    /// <summary>"service control policy" for "... transitively through a service control policy".</summary>
    public string? Via { get; init; }

    public string? EncodedAuthorizationMessage { get; init; }

    /// <summary>The encoded message ends with "..." (CloudTrail cuts long messages): it cannot be decoded.</summary>
    public bool EncodedMessageTruncated { get; init; }

    /// <summary>"AccessDenied" from "An error occurred (AccessDenied) when calling the X operation: ...".</summary>
    public string? WrappedErrorCode { get; init; }

    public string? WrappedOperation { get; init; }

    /// <summary>Lambda's up-front check, as an IAM action: "sqs:ReceiveMessage", "ec2:CreateNetworkInterface".</summary>
    public string? ConfigurationAction { get; init; }

    /// <summary>
    /// Lambda's KMSAccessDeniedException on Invoke: Lambda could not decrypt the invoked function's environment
    /// variables because KMS refused the function's execution role. The caller was allowed to invoke; the denial
    /// (kms:Decrypt, the embedded message's User) belongs to the invoked function.
    /// </summary>
    public bool LambdaEnvironmentDecryption { get; init; }
}
