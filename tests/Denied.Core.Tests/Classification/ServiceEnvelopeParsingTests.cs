using Denied.Classification;

namespace Denied.Core.Tests.Classification;

/// <summary>
/// Enhanced messages inside a service's own sentence: EC2's current UnauthorizedOperation form and Lambda's
/// KMSAccessDeniedException on Invoke. The inner message must parse as if it stood alone.
/// </summary>
public class ServiceEnvelopeParsingTests
{
    private const string Role = "arn:aws:sts::111122223333:assumed-role/orders-role/orders-fn";
    private const string Ec2 = "You are not authorized to perform this operation. ";
    private const string Encoded = "VQCI9lziGWYyHfek3r2X49CAgXqFOJ5u2LFkvZe9q74o";
    private const string Scp = "arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/service_control_policy/p-denyeni01";

    public static TheoryData<string, string?, string?, string?, bool?, string?, string?> Ec2Messages => new()
    {
        // SCP, explicit, then the encoded message after the sentence's period.
        { $"{Ec2}User: {Role} is not authorized to perform: ec2:CreateNetworkInterface on resource: arn:aws:ec2:us-east-1:111122223333:network-interface/* with an explicit deny in a service control policy. Encoded authorization failure message: {Encoded}",
            "ec2:CreateNetworkInterface", "arn:aws:ec2:us-east-1:111122223333:network-interface/*", "service control policy", true, null, Encoded },
        // SCP with its policy ARN before the encoded message.
        { $"{Ec2}User: {Role} is not authorized to perform: ec2:CreateNetworkInterface on resource: arn:aws:ec2:us-east-1:111122223333:network-interface/* with an explicit deny in a service control policy: {Scp}. Encoded authorization failure message: {Encoded}",
            "ec2:CreateNetworkInterface", "arn:aws:ec2:us-east-1:111122223333:network-interface/*", "service control policy", true, Scp, Encoded },
        // Identity-based, explicit, encoded.
        { $"{Ec2}User: {Role} is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:111122223333:instance/* with an explicit deny in an identity-based policy. Encoded authorization failure message: {Encoded}",
            "ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:instance/*", "identity-based policy", true, null, Encoded },
        // Identity-based, implicit, no resource, no encoded message.
        { $"{Ec2}User: {Role} is not authorized to perform: ec2:DescribeSecurityGroups because no identity-based policy allows the ec2:DescribeSecurityGroups action",
            "ec2:DescribeSecurityGroups", null, "identity-based policy", false, null, null },
        // Identity-based, implicit, snapshot ARN without an account, sentence period, no encoded message.
        { $"{Ec2}User: {Role} is not authorized to perform: ec2:CreateSnapshot on resource: arn:aws:ec2:us-east-1::snapshot/* because no identity-based policy allows the ec2:CreateSnapshot action.",
            "ec2:CreateSnapshot", "arn:aws:ec2:us-east-1::snapshot/*", "identity-based policy", false, null, null },
        // Wrapped by the AWS CLI / boto3.
        { $"An error occurred (UnauthorizedOperation) when calling the CreateVpc operation: {Ec2}User: arn:aws:iam::111122223333:user/unlucky is not authorized to perform: ec2:CreateVpc on resource: arn:aws:ec2:us-east-1:111122223333:vpc/* with an explicit deny in a service control policy. Encoded authorization failure message: {Encoded}",
            "ec2:CreateVpc", "arn:aws:ec2:us-east-1:111122223333:vpc/*", "service control policy", true, null, Encoded },
        // Wrapped by the Go SDK (Terraform output).
        { $"operation error EC2: CreateVpc, https response error StatusCode: 403, RequestID: 0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b, api error UnauthorizedOperation: {Ec2}User: arn:aws:iam::111122223333:user/unlucky is not authorized to perform: ec2:CreateVpc on resource: arn:aws:ec2:us-east-1:111122223333:vpc/* with an explicit deny in a service control policy. Encoded authorization failure message: {Encoded}",
            "ec2:CreateVpc", "arn:aws:ec2:us-east-1:111122223333:vpc/*", "service control policy", true, null, Encoded },
    };

    [Theory]
    [MemberData(nameof(Ec2Messages))]
    public void Parse_Ec2CurrentForm_ParsesTheEnhancedSentenceAndKeepsTheEncodedMessage(
        string message, string? action, string? resource, string? policyType, bool? explicitDeny, string? policyArn, string? encoded)
    {
        var parsed = AccessDeniedMessageParser.Parse(message);

        Assert.NotNull(parsed);
        Assert.Equal(MessageShape.Enhanced, parsed.Shape);
        Assert.Equal(action, parsed.Action);
        Assert.Equal(resource, parsed.Resource);
        Assert.Equal(policyType, parsed.PolicyType);
        Assert.Equal(explicitDeny, parsed.ExplicitDeny);
        Assert.Equal(policyArn, parsed.PolicyArn);
        Assert.Equal(encoded, parsed.EncodedAuthorizationMessage);
        Assert.False(parsed.LambdaEnvironmentDecryption);
    }

    [Fact]
    public void Parse_Ec2CurrentFormCutByCloudTrail_IsMarkedTruncated()
    {
        var parsed = AccessDeniedMessageParser.Parse(
            $"{Ec2}User: {Role} is not authorized to perform: ec2:RunInstances with an explicit deny in a service control policy. Encoded authorization failure message: {new string('x', 900)}...");

        Assert.Equal("service control policy", parsed?.PolicyType);
        Assert.True(parsed?.EncodedMessageTruncated);
    }

    private const string LambdaKms = "Lambda was unable to decrypt the environment variables because KMS access was denied. Please check the function's KMS key settings. ";
    private const string Inner = "User: arn:aws:sts::111122223333:assumed-role/thumbnailer-role/thumbnailer is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key/k1 because no identity-based policy allows the kms:Decrypt action";

    public static TheoryData<string, MessageShape, string?, string?, string?> LambdaKmsMessages => new()
    {
        // As real messages print it: the code and "KMS Message" run together.
        { $"{LambdaKms}KMS Exception: AccessDeniedExceptionKMS Message: {Inner}",
            MessageShape.Enhanced, "arn:aws:sts::111122223333:assumed-role/thumbnailer-role/thumbnailer", "arn:aws:kms:us-east-1:111122223333:key/k1", "identity-based policy" },
        // With a space, as the audit's sample wrote it.
        { $"{LambdaKms}KMS Exception: AccessDeniedException KMS Message: {Inner}",
            MessageShape.Enhanced, "arn:aws:sts::111122223333:assumed-role/thumbnailer-role/thumbnailer", "arn:aws:kms:us-east-1:111122223333:key/k1", "identity-based policy" },
        // The console's prefix and the Java SDK's suffix.
        { $"Calling the invoke API action failed with this message: {LambdaKms}KMS Exception: AccessDeniedExceptionKMS Message: {Inner} (Service: Kms, Status Code: 400, Request ID: 0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b)",
            MessageShape.Enhanced, "arn:aws:sts::111122223333:assumed-role/thumbnailer-role/thumbnailer", "arn:aws:kms:us-east-1:111122223333:key/k1", "identity-based policy" },
        // The ambiguous ciphertext message inside: no principal, no resource, the action is still kms:Decrypt.
        { $"{LambdaKms}KMS Exception: AccessDeniedExceptionKMS Message: The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.",
            MessageShape.KmsCiphertext, null, null, null },
        // The envelope alone.
        { "Lambda was unable to decrypt the environment variables because KMS access was denied.",
            MessageShape.GenericNotAuthorized, null, null, null },
    };

    [Theory]
    [MemberData(nameof(LambdaKmsMessages))]
    public void Parse_LambdaEnvironmentKmsDenial_IsKmsDecryptByTheEmbeddedUser(
        string message, MessageShape shape, string? principal, string? resource, string? policyType)
    {
        var parsed = AccessDeniedMessageParser.Parse(message);

        Assert.NotNull(parsed);
        Assert.True(parsed.LambdaEnvironmentDecryption);
        Assert.Equal(shape, parsed.Shape);
        Assert.Equal("kms:Decrypt", parsed.Action);
        Assert.Equal(principal, parsed.Principal);
        Assert.Equal(resource, parsed.Resource);
        Assert.Equal(policyType, parsed.PolicyType);
    }

    [Theory]
    [InlineData("You are not authorized to perform this operation.")]
    [InlineData("You are not authorized to perform this operation. Encoded authorization failure message: AbC-123_xyz")]
    [InlineData($"User: {Role} is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key/k1")]
    public void Parse_WithoutAnEnvelope_IsNotMarkedAsLambdaEnvironmentDecryption(string message) =>
        Assert.False(AccessDeniedMessageParser.Parse(message)?.LambdaEnvironmentDecryption);
}
