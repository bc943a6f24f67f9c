using System.Text.Json;
using System.Text.Json.Serialization;

namespace Denied.CloudTrail;

/// <summary>
/// One CloudTrail record, as written to a trail's log files or carried in the <c>detail</c> of an
/// EventBridge "AWS API Call via CloudTrail" event. Every field is attacker-influenced text
/// (callers choose user agents, session names and request parameters): never render one unescaped.
/// Only the fields the diagnosis reads are modelled; everything else is skipped by the reader.
/// </summary>
public sealed class CloudTrailRecord
{
    [JsonPropertyName("eventVersion")] public string? EventVersion { get; init; }
    [JsonPropertyName("eventID")] public string? EventId { get; init; }
    [JsonPropertyName("eventTime")] public string? EventTime { get; init; }
    [JsonPropertyName("eventSource")] public string? EventSource { get; init; }
    [JsonPropertyName("eventName")] public string? EventName { get; init; }
    [JsonPropertyName("awsRegion")] public string? AwsRegion { get; init; }
    [JsonPropertyName("sourceIPAddress")] public string? SourceIpAddress { get; init; }
    [JsonPropertyName("userAgent")] public string? UserAgent { get; init; }
    [JsonPropertyName("errorCode")] public string? ErrorCode { get; init; }
    [JsonPropertyName("errorMessage")] public string? ErrorMessage { get; init; }
    [JsonPropertyName("userIdentity")] public UserIdentity? UserIdentity { get; init; }

    /// <summary>Raw request parameters; often null on denials (AWS-FACTS 2c, "Record quirks").</summary>
    [JsonPropertyName("requestParameters")] public JsonElement? RequestParameters { get; init; }

    /// <summary>The resources CloudTrail lists; a null entry (hostile or damaged input) is dropped on read.</summary>
    [JsonPropertyName("resources")]
    public IReadOnlyList<CloudTrailResource>? Resources
    {
        get => _resources;
        init => _resources = value?.OfType<CloudTrailResource>().ToList();
    }

    private readonly IReadOnlyList<CloudTrailResource>? _resources;

    [JsonPropertyName("recipientAccountId")] public string? RecipientAccountId { get; init; }
    [JsonPropertyName("eventType")] public string? EventType { get; init; }
    [JsonPropertyName("eventCategory")] public string? EventCategory { get; init; }
    [JsonPropertyName("readOnly")] public bool? ReadOnly { get; init; }
    [JsonPropertyName("vpcEndpointId")] public string? VpcEndpointId { get; init; }
    [JsonPropertyName("vpcEndpointAccountId")] public string? VpcEndpointAccountId { get; init; }
    [JsonPropertyName("sharedEventID")] public string? SharedEventId { get; init; }

    /// <summary>TLS details (eventVersion 1.08+); present when the request came over TLS (the policy evaluator's aws:SecureTransport).</summary>
    [JsonPropertyName("tlsDetails")] public TlsDetails? TlsDetails { get; init; }
}

public sealed class TlsDetails
{
    [JsonPropertyName("tlsVersion")] public string? TlsVersion { get; init; }
    [JsonPropertyName("cipherSuite")] public string? CipherSuite { get; init; }
    [JsonPropertyName("clientProvidedHostHeader")] public string? ClientProvidedHostHeader { get; init; }
}

public sealed class UserIdentity
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("principalId")] public string? PrincipalId { get; init; }
    [JsonPropertyName("arn")] public string? Arn { get; init; }
    [JsonPropertyName("accountId")] public string? AccountId { get; init; }
    [JsonPropertyName("accessKeyId")] public string? AccessKeyId { get; init; }
    [JsonPropertyName("userName")] public string? UserName { get; init; }

    /// <summary>Set when an AWS service called on the principal's behalf, e.g. "lambda.amazonaws.com".</summary>
    [JsonPropertyName("invokedBy")] public string? InvokedBy { get; init; }

    [JsonPropertyName("sessionContext")] public SessionContext? SessionContext { get; init; }
}

public sealed class SessionContext
{
    [JsonPropertyName("sessionIssuer")] public SessionIssuer? SessionIssuer { get; init; }
    [JsonPropertyName("sourceIdentity")] public string? SourceIdentity { get; init; }
}

public sealed class SessionIssuer
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("principalId")] public string? PrincipalId { get; init; }

    /// <summary>The role ARN with its path; the STS session ARN in <see cref="UserIdentity.Arn"/> has none.</summary>
    [JsonPropertyName("arn")] public string? Arn { get; init; }

    [JsonPropertyName("accountId")] public string? AccountId { get; init; }
    [JsonPropertyName("userName")] public string? UserName { get; init; }
}

public sealed class CloudTrailResource
{
    [JsonPropertyName("ARN")] public string? Arn { get; init; }
    [JsonPropertyName("accountId")] public string? AccountId { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
}
