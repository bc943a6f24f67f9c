using System.Text.RegularExpressions;

namespace Denied.Classification;

/// <summary>
/// The ordered catalogue of access-denied message forms, most specific first (in the manner of
/// access-undenied's access_denied_message_patterns.json). Sources: IAM UG troubleshoot_access-denied,
/// S3 UG troubleshoot-403-errors, the CloudTrail record-contents doc (VPC endpoint), EC2 and KMS error
/// texts, and Lambda's CreateFunction / CreateEventSourceMapping errors (AWS Lambda API Reference).
/// </summary>
internal static partial class MessagePatternCatalogue
{
    // "User" with or without a colon: S3 writes "User arn:... is not authorized to perform s3:GetObject on \"...\"".
    private const string Head = "^User:? (?<principal>[^\\s]{1,2048}) is not authorized to perform:? (?<action>[^\\s\"]{1,256})";
    private const string Tail = "(?<tail>.*)$";

    public static IReadOnlyList<MessagePattern> Patterns { get; } =
    [
        new("enhanced-quoted-resource", QuotedResource(), m => Enhanced(m, MessageShape.EnhancedQuotedResource, null)),
        new("enhanced-role-name", RoleName(), m => Enhanced(m, MessageShape.Enhanced, "role")),
        new("enhanced-access-key", AccessKey(), m => Enhanced(m, MessageShape.Enhanced, "access key ID")),
        new("enhanced-on-resource", OnResource(), m => Enhanced(m, MessageShape.Enhanced, null)),
        new("enhanced-specified-resource", SpecifiedResource(), m => Enhanced(m, MessageShape.Enhanced, null)),
        new("enhanced-no-resource", NoResource(), m => Enhanced(m, MessageShape.Enhanced, null)),
        new("access-this-resource", AccessThisResource(), m => Enhanced(m, MessageShape.NotAuthorizedToAccessResource, null)),
        new("principal-not-allowed", PrincipalNotAllowed(), m => new ParsedDenialMessage
        {
            Shape = MessageShape.PrincipalNotAllowed,
            Principal = SafeRegex.Group(m, "principal"),
            Action = SafeRegex.Group(m, "action"),
            Resource = SafeRegex.Group(m, "resource"),
        }),
        new("lambda-execution-role-lacks", ExecutionRoleLacks(), m => new ParsedDenialMessage
        {
            Shape = MessageShape.ConfigurationTime,
            ConfigurationAction = ServicePrefixes.Action(SafeRegex.Group(m, "service"), SafeRegex.Group(m, "operation")),
        }),
        new("lambda-cannot-access-stream", CannotAccessStream(), CannotAccessStreamFields),
        new("lambda-role-cannot-be-assumed", RoleCannotBeAssumed(), _ => new ParsedDenialMessage
        {
            Shape = MessageShape.LambdaTrustPolicyRejection,
            ConfigurationAction = "sts:AssumeRole",
            PolicyType = "role trust policy",
        }),
        new("ec2-encoded", Ec2Encoded(), m =>
        {
            var encoded = SafeRegex.Group(m, "encoded");
            return new ParsedDenialMessage
            {
                Shape = MessageShape.EncodedAuthorizationFailure,
                EncodedAuthorizationMessage = encoded,
                EncodedMessageTruncated = encoded?.EndsWith("...", StringComparison.Ordinal) == true,
            };
        }),
        new("kms-ciphertext", KmsCiphertext(), _ => new ParsedDenialMessage { Shape = MessageShape.KmsCiphertext }),
        new("kms-access-not-allowed", KmsAccessNotAllowed(), _ => new ParsedDenialMessage { Shape = MessageShape.KmsAccessNotAllowed }),
        new("vpc-endpoint", VpcEndpoint(), _ => new ParsedDenialMessage
        {
            Shape = MessageShape.VpcEndpointDenied,
            PolicyType = "VPC endpoint policy",
        }),
        new("plain-access-denied", PlainAccessDenied(), _ => new ParsedDenialMessage { Shape = MessageShape.PlainAccessDenied }),
        new("resource-denied", ResourceDenied(), m => new ParsedDenialMessage
        {
            Shape = MessageShape.ResourceDenied,
            Resource = SafeRegex.TrimPeriod(SafeRegex.Group(m, "resource")),
        }),
        new("generic-not-authorized", GenericNotAuthorized(), _ => new ParsedDenialMessage { Shape = MessageShape.GenericNotAuthorized }),
    ];

    private static ParsedDenialMessage Enhanced(Match m, MessageShape shape, string? resourceType)
    {
        var tail = SafeRegex.Group(m, "tail");
        var endsHere = string.IsNullOrWhiteSpace(tail) || tail.Trim() == ".";
        var resource = SafeRegex.Group(m, "resource");
        return DenialContextParser.Parse(tail) with
        {
            Shape = shape,
            Principal = SafeRegex.Group(m, "principal"),
            Action = SafeRegex.TrimPeriod(SafeRegex.Group(m, "action")),
            // A period glued to the last word is the sentence's, not the ARN's; S3 keys stay quoted and intact.
            Resource = endsHere && shape != MessageShape.EnhancedQuotedResource ? SafeRegex.TrimPeriod(resource) : resource,
            ResourceType = resourceType,
        };
    }

    private static ParsedDenialMessage CannotAccessStreamFields(Match m)
    {
        var stream = SafeRegex.TrimPeriod(SafeRegex.Group(m, "resource"));
        var firstOperation = SafeRegex.Group(m, "operations")?.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(o => !o.Equals("and", StringComparison.OrdinalIgnoreCase));
        // arn:aws:kinesis:... or arn:aws:dynamodb:...:table/T/stream/...: the ARN's service is the action prefix.
        var service = stream?.Split(':') is { Length: > 2 } parts ? parts[2] : null;
        return new ParsedDenialMessage
        {
            Shape = MessageShape.ConfigurationTime,
            Resource = stream,
            ConfigurationAction = ServicePrefixes.Action(service, firstOperation),
        };
    }

    // The resource runs to the last quote, not the first: an S3 key may itself hold a quote and a made-up clause
    // (`a" because no identity-based policy allows ...`), and AWS writes the real clause after the whole key, so the
    // last quoted stretch is the only one the caller cannot forge. Bounded (2,048 characters), so backtracking is too.
    [GeneratedRegex(Head + " on (?:resource: )?\"(?<resource>[\\s\\S]{0,2048})\"" + Tail, SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex QuotedResource();

    [GeneratedRegex(Head + " on resource: role (?<resource>[^\\s]{1,512})" + Tail, SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex RoleName();

    [GeneratedRegex(Head + " on resource: access key(?: ID)? (?<resource>[^\\s]{1,256})" + Tail, SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex AccessKey();

    [GeneratedRegex(Head + " on resource: (?<resource>[^\\s]{1,2048})" + Tail, SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex OnResource();

    [GeneratedRegex(Head + " on the specified resource" + Tail, SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex SpecifiedResource();

    [GeneratedRegex(Head + Tail, SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex NoResource();

    [GeneratedRegex("^User:? (?<principal>[^\\s]{1,2048}) is not authorized to access this resource" + Tail,
        SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex AccessThisResource();

    [GeneratedRegex("^Principal \\[(?<principal>[^\\]]{1,2048})\\] is not allowed to execute \\[(?<action>[^\\]]{1,256})\\] on the resource"
        + "(?: \\[(?<resource>[^\\]]{1,2048})\\])?", SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex PrincipalNotAllowed();

    // "The provided execution role ..." (CreateFunction, CreateEventSourceMapping) and
    // "The function execution role ..." (seen for SQS triggers); unanchored because tools prefix it.
    [GeneratedRegex("The (?:provided|function) execution role does not have permissions to call (?<operation>[a-z0-9]{1,128}) on (?<service>[a-z0-9-]{1,64})",
        SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex ExecutionRoleLacks();

    // Kinesis and DynamoDB Streams event source mappings.
    [GeneratedRegex("Cannot access stream (?<resource>[^\\s]{1,2048}) Please ensure the role can perform the (?<operations>[a-z, ]{1,256}?) Actions on your stream",
        SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex CannotAccessStream();

    // CreateFunction / UpdateFunctionConfiguration (Lambda API reference, InvalidParameterValueException); tools prefix it.
    [GeneratedRegex("The role defined for the function cannot be assumed by Lambda", SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex RoleCannotBeAssumed();

    [GeneratedRegex("^You are not authorized to perform this operation\\. Encoded authorization failure message: (?<encoded>[^\\s]{1,65536})",
        SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex Ec2Encoded();

    [GeneratedRegex("^The ciphertext refers to a customer (?:master )?key that does not exist, does not exist in this region, or you are not allowed to access",
        SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex KmsCiphertext();

    // Secrets Manager (GetSecretValue, CreateSecret, ...) when the secret's KMS key refuses the caller: reported in
    // aws-samples/aws-secrets-manager-rotation-lambdas #53, external-secrets #390, aws-cdk #7677.
    [GeneratedRegex("^Access to KMS is not allowed", SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex KmsAccessNotAllowed();

    [GeneratedRegex("^The request was denied due to a VPC endpoint policy", SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex VpcEndpoint();

    [GeneratedRegex("^Access ?Denied\\.?\\s*$", SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex PlainAccessDenied();

    [GeneratedRegex("^(?:Access to the resource (?<resource>[^\\s]{1,2048}) is denied|Not authorized to access resource (?<resource>[^\\s]{1,2048}))",
        SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex ResourceDenied();

    [GeneratedRegex("not authorized to|not allowed to access|access denied|no access to any requested resource",
        SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex GenericNotAuthorized();
}
