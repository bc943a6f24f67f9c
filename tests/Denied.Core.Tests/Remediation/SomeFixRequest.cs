using Denied.Diagnostics;
using Denied.Remediation;

namespace Denied.Core.Tests.Remediation;

/// <summary>Realistic fix requests (one function in one account), overridden per test with `with`.</summary>
internal static class SomeFixRequest
{
    public const string Account = "123456789012";
    public const string Region = "eu-west-1";
    public const string RoleArn = "arn:aws:iam::123456789012:role/service/invoice-reader-role";

    public static FixRequest For(string? action, string? resource, DenialLayer layer = DenialLayer.IdentityPolicy, bool? explicitDeny = false) => new()
    {
        Action = action,
        Resource = resource,
        Layer = layer,
        ExplicitDeny = explicitDeny,
        RoleArn = RoleArn,
        FunctionName = "invoice-reader",
        Account = Account,
        Region = Region,
    };

    /// <summary>The golden cases: one representative request per fix shape, by golden file name.</summary>
    public static IReadOnlyDictionary<string, FixRequest> Golden { get; } = new Dictionary<string, FixRequest>
    {
        ["s3-getobject-identity"] = For("s3:GetObject", "arn:aws:s3:::acme-invoices/2024/inv-001.pdf"),
        ["s3-listbucket-identity"] = For("s3:ListBucket", "arn:aws:s3:::acme-invoices"),
        ["kms-decrypt-key-policy"] = For("kms:Decrypt", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", DenialLayer.ResourcePolicy),
        ["sqs-receivemessage-config-time"] = For("sqs:ReceiveMessage", "arn:aws:sqs:eu-west-1:123456789012:orders") with { IsConfigurationTime = true },
        ["lambda-invoke-by-s3-function-policy"] = For("lambda:InvokeFunction", "arn:aws:lambda:eu-west-1:123456789012:function:thumbnailer", DenialLayer.ResourcePolicy) with
        {
            FunctionName = "thumbnailer",
            RoleArn = "arn:aws:iam::123456789012:role/thumbnailer-role",
            CallerPrincipal = "s3.amazonaws.com",
            SourceArn = "arn:aws:s3:::acme-uploads",
        },
        ["scp-explicit-with-arn"] = For("dynamodb:PutItem", "arn:aws:dynamodb:eu-west-1:123456789012:table/orders", DenialLayer.ServiceControlPolicy, true) with
        {
            DenyingPolicyArn = "arn:aws:organizations::111111111111:policy/o-a1b2c3d4e5/service_control_policy/p-examplescp1",
        },
        ["permissions-boundary-implicit"] = For("dynamodb:PutItem", "arn:aws:dynamodb:eu-west-1:123456789012:table/orders", DenialLayer.PermissionsBoundary),
        ["xray-puttracesegments"] = For("xray:PutTraceSegments", "*"),
        ["secretsmanager-resource-policy-explicit"] = For("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf", DenialLayer.ResourcePolicy, true),
        ["secretsmanager-identity-sam-template"] = For("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf"),
        ["ec2-eni-config-time"] = For("ec2:CreateNetworkInterface", "arn:aws:ec2:eu-west-1:123456789012:network-interface/*") with { IsConfigurationTime = true },
        ["logs-createlogstream-identity"] = For("logs:CreateLogStream", "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/invoice-reader:log-stream:2024/01/01/[$LATEST]abc"),
        ["s3-getobject-bucket-policy-cross-account"] = For("s3:GetObject", "arn:aws:s3:::partner-exports/daily.csv", DenialLayer.ResourcePolicy) with { ResourceAccount = "444455556666" },
        ["s3-getobject-cross-account-guess-both"] = For("s3:GetObject", "arn:aws:s3:::partner-exports/daily.csv", DenialLayer.Unknown, null) with { ResourceAccount = "444455556666" },
        ["secretsmanager-by-name-suffix-wildcard"] = For("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-??????", DenialLayer.Unknown, null) with { ResourceWildcardSuffixLength = 6 },
        ["kinesis-getrecords-config-time"] = For("kinesis:GetRecords", "arn:aws:kinesis:eu-west-1:123456789012:stream/clicks") with { IsConfigurationTime = true },
        ["sts-assumerole-trust-policy"] = For("sts:AssumeRole", "arn:aws:iam::444455556666:role/partner", DenialLayer.ResourcePolicy),
        ["lambda-invoke-cross-account-role-from-message"] = For("lambda:InvokeFunction", "arn:aws:lambda:eu-west-1:123456789012:function:billing", DenialLayer.ResourcePolicy) with
        {
            FunctionName = "billing",
            RoleArn = null,
            CallerPrincipal = "444455556666",
            MessagePrincipal = "arn:aws:sts::444455556666:assumed-role/caller-role/caller-fn",
        },
        ["lambda-trust-policy-rejection"] = For("sts:AssumeRole", RoleArn, DenialLayer.ResourcePolicy, null) with
        {
            IsConfigurationTime = true,
            IsTrustPolicyRejection = true,
            CallerPrincipal = "lambda.amazonaws.com",
        },
        ["sqs-receivemessage-config-time-role-unknown"] = For("sqs:ReceiveMessage", "arn:aws:sqs:eu-west-1:123456789012:orders", DenialLayer.Unknown, null) with
        {
            IsConfigurationTime = true,
            RoleArn = null,
        },
        ["sns-publish-kms-encrypted-topic"] = For("kms:GenerateDataKey", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab") with
        {
            EncryptedResourceCall = "sns:Publish",
        },
        ["s3-getobject-plain-access-denied-outside"] = For("s3:GetObject", "arn:aws:s3:::partner-exports/daily.csv", DenialLayer.Unknown, null) with
        {
            PlainS3DenialPointsOutside = true,
        },
        ["scp-implicit-no-allow"] = For("dynamodb:PutItem", "arn:aws:dynamodb:eu-west-1:123456789012:table/orders", DenialLayer.ServiceControlPolicy, false),
        ["iam-authorization-id"] = For("iam:CreateInstanceProfile", "arn:aws:iam::123456789012:instance-profile/workers") with
        {
            AuthorizationId = "k7q2m9x4p1w8z3v6b5n0",
        },
        ["permissions-boundary-named"] = For("dynamodb:PutItem", "arn:aws:dynamodb:eu-west-1:123456789012:table/orders", DenialLayer.PermissionsBoundary) with
        {
            DenyingPolicyArn = "arn:aws:iam::123456789012:policy/DeveloperBoundary",
        },
    };
}
