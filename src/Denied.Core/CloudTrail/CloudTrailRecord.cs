using System.Text.Json;
using System.Text.Json.Serialization;

namespace Denied.CloudTrail;

/// <summary>
/// One CloudTrail record, as written to a trail's log files or carried in the <c>detail</c> of an
/// EventBridge "AWS API Call via CloudTrail" event. Every field is attacker-influenced text
/// (callers choose user agents, session names and request parameters): never render one unescaped.
/// Only the fields the diagnosis reads are modelled; everything else is skipped by the reader. Modelled fields the
/// diagnosis does not need (<see cref="LenientString"/>, <see cref="LenientBoolean"/>) read as null when they hold an
/// unexpected type; the fields it needs keep strict types and the error that names them.
/// </summary>
public sealed class CloudTrailRecord
{
    [JsonPropertyName("eventVersion")] [JsonConverter(typeof(LenientString))] public string? EventVersion { get; init; }
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

    /// <summary>Raw request parameters; often null on denials (CloudTrail User Guide, "CloudTrail record contents": requestParameters may be null when the request failed).</summary>
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
    [JsonPropertyName("eventType")] [JsonConverter(typeof(LenientString))] public string? EventType { get; init; }
    [JsonPropertyName("eventCategory")] [JsonConverter(typeof(LenientString))] public string? EventCategory { get; init; }
    [JsonPropertyName("readOnly")] [JsonConverter(typeof(LenientBoolean))] public bool? ReadOnly { get; init; }
    [JsonPropertyName("vpcEndpointId")] public string? VpcEndpointId { get; init; }
    [JsonPropertyName("vpcEndpointAccountId")] [JsonConverter(typeof(LenientString))] public string? VpcEndpointAccountId { get; init; }
    [JsonPropertyName("sharedEventID")] [JsonConverter(typeof(LenientString))] public string? SharedEventId { get; init; }

    /// <summary>TLS details (eventVersion 1.08+); present when the request came over TLS (the policy evaluator's aws:SecureTransport).</summary>
    [JsonPropertyName("tlsDetails")] public TlsDetails? TlsDetails { get; init; }
}

public sealed class TlsDetails
{
    [JsonPropertyName("tlsVersion")] [JsonConverter(typeof(LenientString))] public string? TlsVersion { get; init; }
    [JsonPropertyName("cipherSuite")] [JsonConverter(typeof(LenientString))] public string? CipherSuite { get; init; }
    [JsonPropertyName("clientProvidedHostHeader")] [JsonConverter(typeof(LenientString))] public string? ClientProvidedHostHeader { get; init; }
}

public sealed class UserIdentity
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("principalId")] public string? PrincipalId { get; init; }
    [JsonPropertyName("arn")] public string? Arn { get; init; }
    [JsonPropertyName("accountId")] public string? AccountId { get; init; }
    [JsonPropertyName("accessKeyId")] [JsonConverter(typeof(LenientString))] public string? AccessKeyId { get; init; }
    [JsonPropertyName("userName")] [JsonConverter(typeof(LenientString))] public string? UserName { get; init; }

    /// <summary>Set when an AWS service called on the principal's behalf, e.g. "lambda.amazonaws.com".</summary>
    [JsonPropertyName("invokedBy")] public string? InvokedBy { get; init; }

    [JsonPropertyName("sessionContext")] public SessionContext? SessionContext { get; init; }
}

public sealed class SessionContext
{
    [JsonPropertyName("sessionIssuer")] public SessionIssuer? SessionIssuer { get; init; }
    [JsonPropertyName("sourceIdentity")] [JsonConverter(typeof(LenientString))] public string? SourceIdentity { get; init; }
}

public sealed class SessionIssuer
{
    [JsonPropertyName("type")] [JsonConverter(typeof(LenientString))] public string? Type { get; init; }
    [JsonPropertyName("principalId")] [JsonConverter(typeof(LenientString))] public string? PrincipalId { get; init; }

    /// <summary>The role ARN with its path; the STS session ARN in <see cref="UserIdentity.Arn"/> has none.</summary>
    [JsonPropertyName("arn")] public string? Arn { get; init; }

    [JsonPropertyName("accountId")] [JsonConverter(typeof(LenientString))] public string? AccountId { get; init; }
    [JsonPropertyName("userName")] [JsonConverter(typeof(LenientString))] public string? UserName { get; init; }
}

public sealed class CloudTrailResource
{
    [JsonPropertyName("ARN")] public string? Arn { get; init; }
    [JsonPropertyName("accountId")] public string? AccountId { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
}
