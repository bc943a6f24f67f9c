using Denied.Classification;

namespace Denied.Core.Tests.Classification;

/// <summary>The "User: ... is not authorized to perform ..." family, in every documented variant (IAM UG, S3 UG).</summary>
public class EnhancedMessageParsingTests
{
    private const string Role = "arn:aws:sts::111122223333:assumed-role/orders-role/orders-fn";
    private const string User = "arn:aws:iam::111122223333:user/dana";
    private const string Scp = "arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/service_control_policy/p-examplescp01";

    public static TheoryData<string, string?, string?, string?, string?, bool?, string?> Messages => new()
    {
        // Identity-based, implicit, no resource.
        { $"User: {User} is not authorized to perform: codebuild:ListProjects because no identity-based policy allows the codebuild:ListProjects action",
            User, "codebuild:ListProjects", null, "identity-based policy", false, null },
        // Identity-based, explicit, wildcard resource.
        { $"User: {User} is not authorized to perform: logs:DescribeLogGroups on resource: arn:aws:logs:us-east-1:111122223333:log-group:* with an explicit deny in an identity-based policy",
            User, "logs:DescribeLogGroups", "arn:aws:logs:us-east-1:111122223333:log-group:*", "identity-based policy", true, null },
        // Identity-based, explicit, with the policy ARN suffix.
        { $"User: {Role} is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:111122223333:table/Orders with an explicit deny in an identity-based policy: arn:aws:iam::111122223333:policy/DenyWrites",
            Role, "dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:111122223333:table/Orders", "identity-based policy", true, "arn:aws:iam::111122223333:policy/DenyWrites" },
        // Resource-based, implicit and explicit.
        { $"User: {Role} is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key/k1 because no resource-based policy allows the kms:Decrypt action",
            Role, "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/k1", "resource-based policy", false, null },
        { $"User: {Role} is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:111122223333:secret:* with an explicit deny in a resource-based policy",
            Role, "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:111122223333:secret:*", "resource-based policy", true, null },
        // SCP, always worded explicit, with and without the ARN; upper-case variant.
        { $"User: {Role} is not authorized to perform: ec2:RunInstances with an explicit deny in a service control policy",
            Role, "ec2:RunInstances", null, "service control policy", true, null },
        { $"User: {Role} is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:111122223333:secret:db with an explicit deny in a service control policy: {Scp}",
            Role, "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:111122223333:secret:db", "service control policy", true, Scp },
        { $"User: {Role} is not authorized to perform: s3:PutObject due to an explicit deny in a Service Control Policy",
            Role, "s3:PutObject", null, "service control policy", true, null },
        // RCP.
        { $"User: {Role} is not authorized to perform: sqs:SendMessage on resource: arn:aws:sqs:us-east-1:111122223333:q with an explicit deny in a resource control policy: arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/resource_control_policy/p-rcp1",
            Role, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q", "resource control policy", true, "arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/resource_control_policy/p-rcp1" },
        // Permissions boundary, implicit (lower-case action as SQS writes it) and explicit.
        { $"User: {Role} is not authorized to perform: sqs:sendmessage on resource: arn:aws:sqs:us-east-1:111122223333:q because no permissions boundary allows the sqs:sendmessage action",
            Role, "sqs:sendmessage", "arn:aws:sqs:us-east-1:111122223333:q", "permissions boundary", false, null },
        { $"User: {Role} is not authorized to perform: sagemaker:ListModels with an explicit deny in a permissions boundary",
            Role, "sagemaker:ListModels", null, "permissions boundary", true, null },
        // Session policy, implicit; explicit as AWS spells it ("sessions policy").
        { $"User: {Role} is not authorized to perform: ssm:GetParameter because no session policy allows the ssm:GetParameter action",
            Role, "ssm:GetParameter", null, "session policy", false, null },
        { $"User: {Role} is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:us-east-1:111122223333:parameter/p with an explicit deny in a sessions policy",
            Role, "ssm:GetParameter", "arn:aws:ssm:us-east-1:111122223333:parameter/p", "session policy", true, null },
        // VPC endpoint policy, implicit and explicit.
        { $"User: {Role} is not authorized to perform: s3:GetObject because no VPC endpoint policy allows the s3:GetObject action",
            Role, "s3:GetObject", null, "VPC endpoint policy", false, null },
        { $"User: {Role} is not authorized to perform: dynamodb:Query on resource: arn:aws:dynamodb:us-east-1:111122223333:table/T with an explicit deny in a VPC endpoint policy",
            Role, "dynamodb:Query", "arn:aws:dynamodb:us-east-1:111122223333:table/T", "VPC endpoint policy", true, null },
        // Role trust policy: implicit (AWS's own wording, sic) and explicit.
        { $"User: {Role} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role/reader because the role trust policy allows the sts:AssumeRole action",
            Role, "sts:AssumeRole", "arn:aws:iam::444455556666:role/reader", "role trust policy", false, null },
        { $"User: {Role} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role/reader with an explicit deny in the role trust policy",
            Role, "sts:AssumeRole", "arn:aws:iam::444455556666:role/reader", "role trust policy", true, null },
        // S3's quoted resource, with and without the colon after "perform", key with a space.
        { $"User: {Role} is not authorized to perform: s3:GetObject on \"arn:aws:s3:::bucket/a b.txt\" because no identity-based policy allows the s3:GetObject action",
            Role, "s3:GetObject", "arn:aws:s3:::bucket/a b.txt", "identity-based policy", false, null },
        { $"User {Role} is not authorized to perform s3:ListBucket on \"arn:aws:s3:::bucket\" with an explicit deny in a resource-based policy",
            Role, "s3:ListBucket", "arn:aws:s3:::bucket", "resource-based policy", true, null },
        // No because-clause (older KMS events): verdict unknown; trailing period dropped from the ARN.
        { $"User: {Role} is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key/k1.",
            Role, "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/k1", null, null, null },
        // Upper-case service prefix as SNS writes it.
        { $"User: {Role} is not authorized to perform: SNS:Publish on resource: arn:aws:sns:us-east-1:111122223333:t because no identity-based policy allows the SNS:Publish action",
            Role, "SNS:Publish", "arn:aws:sns:us-east-1:111122223333:t", "identity-based policy", false, null },
        // Resource named by role name or access key ID instead of an ARN.
        { $"User: {User} is not authorized to perform: iam:PassRole on resource: role lambda-exec with an explicit deny",
            User, "iam:PassRole", "lambda-exec", null, true, null },
        { $"User: {User} is not authorized to perform: iam:UpdateAccessKey on resource: access key ID AKIAZ3EXAMPLEKEY0002",
            User, "iam:UpdateAccessKey", "AKIAZ3EXAMPLEKEY0002", null, null, null },
        { $"User: {User} is not authorized to perform: ec2:StopInstances on the specified resource",
            User, "ec2:StopInstances", null, null, null, null },
        // Unknown future policy type: kept as written.
        { $"User: {Role} is not authorized to perform: s3:GetObject with an explicit deny in a data perimeter policy",
            Role, "s3:GetObject", null, "data perimeter policy", true, null },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Parse_EnhancedMessage_ExtractsEveryStatedField(
        string message, string? principal, string? action, string? resource, string? policyType, bool? explicitDeny, string? policyArn)
    {
        var parsed = AccessDeniedMessageParser.Parse(message);

        Assert.NotNull(parsed);
        Assert.Equal(principal, parsed.Principal);
        Assert.Equal(action, parsed.Action);
        Assert.Equal(resource, parsed.Resource);
        Assert.Equal(policyType, parsed.PolicyType);
        Assert.Equal(explicitDeny, parsed.ExplicitDeny);
        Assert.Equal(policyArn, parsed.PolicyArn);
    }

    [Fact]
    public void Parse_VpcEndpointTransitivelyThroughScp_KeepsBothPolicyTypes()
    {
        var parsed = AccessDeniedMessageParser.Parse(
            $"User: {Role} is not authorized to perform: SNS:Publish on resource: arn:aws:sns:us-east-1:444455556666:topic with an explicit deny in a VPC endpoint policy transitively through a service control policy");

        Assert.NotNull(parsed);
        Assert.Equal("VPC endpoint policy", parsed.PolicyType);
        Assert.Equal("service control policy", parsed.Via);
        Assert.True(parsed.ExplicitDeny);
        Assert.Equal("arn:aws:sns:us-east-1:444455556666:topic", parsed.Resource);
    }

    [Theory]
    [InlineData("role lambda-exec", "role")]
    [InlineData("access key ID AKIAZ3EXAMPLEKEY0002", "access key ID")]
    [InlineData("arn:aws:iam::111122223333:role/x", null)]
    public void Parse_ResourceNamedWithoutArn_SaysWhatKindOfName(string resourceText, string? resourceType)
    {
        var parsed = AccessDeniedMessageParser.Parse($"User: {User} is not authorized to perform: iam:PassRole on resource: {resourceText}");

        Assert.Equal(resourceType, parsed?.ResourceType);
    }

    [Fact]
    public void Parse_UserNotAuthorizedToAccessThisResource_KeepsPrincipal()
    {
        var parsed = AccessDeniedMessageParser.Parse($"User: {User} is not authorized to access this resource");

        Assert.Equal(MessageShape.NotAuthorizedToAccessResource, parsed?.Shape);
        Assert.Equal(User, parsed?.Principal);
        Assert.Null(parsed?.Action);
    }

    [Theory]
    [InlineData("An error occurred (AccessDenied) when calling the ListRoles operation: User: arn:aws:iam::111122223333:user/dana is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::111122223333:role/ with an explicit deny in a service control policy",
        "AccessDenied", "ListRoles")]
    [InlineData("An error occurred (AccessDeniedException) when calling the GetSecretValue operation (reached max retries: 2): User: arn:aws:iam::111122223333:user/dana is not authorized to perform: secretsmanager:GetSecretValue on resource: s with an explicit deny in a service control policy",
        "AccessDeniedException", "GetSecretValue")]
    [InlineData("operation error Secrets Manager: GetSecretValue, https response error StatusCode: 400, RequestID: 0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b, api error AccessDeniedException: User: arn:aws:iam::111122223333:user/dana is not authorized to perform: secretsmanager:GetSecretValue on resource: s with an explicit deny in a service control policy",
        "AccessDeniedException", "GetSecretValue")]
    public void Parse_SdkWrappedMessage_UnwrapsCodeAndOperationAndParsesTheRest(string message, string code, string operation)
    {
        var parsed = AccessDeniedMessageParser.Parse(message);

        Assert.NotNull(parsed);
        Assert.Equal(code, parsed.WrappedErrorCode);
        Assert.Equal(operation, parsed.WrappedOperation);
        Assert.Equal("service control policy", parsed.PolicyType);
        Assert.Equal("arn:aws:iam::111122223333:user/dana", parsed.Principal);
    }
}
