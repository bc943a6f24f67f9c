using Denied.Classification;
using Denied.CloudTrail;
using Denied.Core.Tests.Fixtures;

namespace Denied.Core.Tests.Classification;

public class DenialDetectorTests
{
    private const string Enhanced =
        "User: arn:aws:sts::111122223333:assumed-role/r/fn is not authorized to perform: x:Y because no identity-based policy allows the x:Y action";

    public static TheoryData<string?, string?, string?, DenialKind> Rows => new()
    {
        // The access-denied family, with the case and spelling variants services use.
        { "AccessDenied", "Access Denied", "s3.amazonaws.com", DenialKind.AccessDenied },
        { "AccessDeniedException", Enhanced, "kms.amazonaws.com", DenialKind.AccessDenied },
        { "accessdenied", null, "s3.amazonaws.com", DenialKind.AccessDenied },
        { "ACCESS_DENIED", null, "example.amazonaws.com", DenialKind.AccessDenied },
        { "Client.UnauthorizedOperation", "You are not authorized to perform this operation.", "ec2.amazonaws.com", DenialKind.AccessDenied },
        { "UnauthorizedOperation", null, "ec2.amazonaws.com", DenialKind.AccessDenied },
        { "VpceAccessDenied", "The request was denied due to a VPC endpoint policy", "s3.amazonaws.com", DenialKind.AccessDenied },
        { "AuthorizationError", Enhanced, "sns.amazonaws.com", DenialKind.AccessDenied },
        { "Forbidden", null, "s3.amazonaws.com", DenialKind.AccessDenied },
        { "ForbiddenException", "User is not authorized to access this resource", "apigateway.amazonaws.com", DenialKind.AccessDenied },
        { "KMSAccessDeniedException", "Lambda was unable to decrypt the environment variables because KMS access was denied.", "lambda.amazonaws.com", DenialKind.AccessDenied },
        { "AccessDeniedForDependencyException", null, "organizations.amazonaws.com", DenialKind.AccessDenied },
        { "Server.UnauthorizedOperation", null, "ec2.amazonaws.com", DenialKind.AccessDenied },
        // A non-standard code still counts when the message uses IAM's wording.
        { "InsufficientPermissionsException", Enhanced, "example.amazonaws.com", DenialKind.AccessDenied },
        { "SomethingFailed", "Caller is not authorized to describe the stack", "example.amazonaws.com", DenialKind.AccessDenied },
        // Lambda's up-front execution-role checks.
        { "InvalidParameterValueException", "The provided execution role does not have permissions to call ReceiveMessage on SQS", "lambda.amazonaws.com", DenialKind.ConfigurationTime },
        { "InvalidParameterValueException", "The provided execution role does not have permissions to call CreateNetworkInterface on EC2", "lambda.amazonaws.com", DenialKind.ConfigurationTime },
        { "InvalidParameterValueException", "Cannot access stream arn:aws:kinesis:us-east-1:111122223333:stream/clicks. Please ensure the role can perform the GetRecords, GetShardIterator, DescribeStream, ListShards, and ListStreams Actions on your stream in IAM.", "lambda.amazonaws.com", DenialKind.ConfigurationTime },
        // Not denials.
        { "InvalidParameterValueException", "The role defined for the function cannot be assumed by Lambda.", "lambda.amazonaws.com", DenialKind.ConfigurationTime },
        { "InvalidParameterValueException", "The role defined for the function cannot be assumed by Lambda.", "s3.amazonaws.com", DenialKind.NotDenied },
        { "InvalidParameterValueException", "The provided execution role does not have permissions to call ReceiveMessage on SQS", "cloudformation.amazonaws.com", DenialKind.NotDenied },
        { "NoSuchKey", "The specified key does not exist.", "s3.amazonaws.com", DenialKind.NotDenied },
        { "ValidationError", null, "cloudformation.amazonaws.com", DenialKind.NotDenied },
        { "ValidationException", "1 validation error detected", "dynamodb.amazonaws.com", DenialKind.NotDenied },
        { "ThrottlingException", "Rate exceeded", "kms.amazonaws.com", DenialKind.NotDenied },
        { "Throttling", "Rate exceeded", "sts.amazonaws.com", DenialKind.NotDenied },
        { "TooManyRequestsException", "Rate Exceeded.", "lambda.amazonaws.com", DenialKind.NotDenied },
        { "ExpiredToken", "The security token included in the request is expired", "sts.amazonaws.com", DenialKind.NotDenied },
        { "ExpiredTokenException", "The security token included in the request is expired", "dynamodb.amazonaws.com", DenialKind.NotDenied },
        { "InvalidClientTokenId", "The security token included in the request is invalid.", "sts.amazonaws.com", DenialKind.NotDenied },
        { "SignatureDoesNotMatch", null, "sts.amazonaws.com", DenialKind.NotDenied },
        { "UnrecognizedClientException", "The security token included in the request is invalid.", "dynamodb.amazonaws.com", DenialKind.NotDenied },
        { "ResourceNotFoundException", "Function not found", "lambda.amazonaws.com", DenialKind.NotDenied },
        { "NotAuthorizedException", "Incorrect username or password.", "cognito-idp.amazonaws.com", DenialKind.NotDenied },
        { "ForbiddenException", "Missing Authentication Token", "apigateway.amazonaws.com", DenialKind.NotDenied },
        { "ConditionalCheckFailedException", "The conditional request failed", "dynamodb.amazonaws.com", DenialKind.NotDenied },
        // S3 signature and expiry failures carry AccessDenied but no policy was evaluated.
        { "AccessDenied", "Request has expired", "s3.amazonaws.com", DenialKind.NotDenied },
        { "AccessDenied", "There were headers present in the request which were not signed", "s3.amazonaws.com", DenialKind.NotDenied },
        { "AccessDenied", "AWS authentication requires a valid Date or x-amz-date header", "s3.amazonaws.com", DenialKind.NotDenied },
        // The phrase must open the message: an enhanced message that happens to contain it stays a denial.
        { "AccessDenied", "User: arn:aws:sts::111122223333:assumed-role/r/fn is not authorized to perform: s3:GetObject on \"arn:aws:s3:::b/Request has expired\" because no identity-based policy allows the s3:GetObject action", "s3.amazonaws.com", DenialKind.AccessDenied },
        { null, null, "s3.amazonaws.com", DenialKind.NotDenied },
        { "", "", "s3.amazonaws.com", DenialKind.NotDenied },
        // No errorCode means success, whatever the message says.
        { null, Enhanced, "s3.amazonaws.com", DenialKind.NotDenied },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Detect_DecidesByErrorCodeThenMessage(string? errorCode, string? errorMessage, string? eventSource, DenialKind expected)
    {
        var record = new CloudTrailRecord { ErrorCode = errorCode, ErrorMessage = errorMessage, EventSource = eventSource };

        var signal = DenialDetector.Detect(record);

        Assert.Equal(expected, signal.Kind);
        Assert.False(string.IsNullOrWhiteSpace(signal.Reason));
    }

    [Theory]
    [InlineData("kms-decrypt-key-policy-implicit.json", DenialKind.AccessDenied)]
    [InlineData("kms-generatedatakey-accessdenied-wildcard.json", DenialKind.AccessDenied)]
    [InlineData("ec2-encoded-message.json", DenialKind.AccessDenied)]
    [InlineData("vpce-network-activity-denied.json", DenialKind.AccessDenied)]
    [InlineData("vpce-transitive-scp.json", DenialKind.AccessDenied)]
    [InlineData("s3-invoke-denied-by-function-policy.json", DenialKind.AccessDenied)]
    [InlineData("eventbridge-envelope-secretsmanager.json", DenialKind.AccessDenied)]
    [InlineData("lambda-create-event-source-mapping-role-lacks-receive.json", DenialKind.ConfigurationTime)]
    [InlineData("lambda-create-function-vpc-role-lacks-eni.json", DenialKind.ConfigurationTime)]
    [InlineData("lambda-update-function-configuration-vpc-role-lacks-eni.json", DenialKind.ConfigurationTime)]
    [InlineData("not-denied-nosuchkey.json", DenialKind.NotDenied)]
    [InlineData("not-denied-success.json", DenialKind.NotDenied)]
    [InlineData("not-denied-s3-getobject-presigned-url-expired.json", DenialKind.NotDenied)]
    [InlineData("ec2-createnetworkinterface-scp-prefixed-encoded.json", DenialKind.AccessDenied)]
    [InlineData("lambda-invoke-kms-environment-denied.json", DenialKind.AccessDenied)]
    [InlineData("secretsmanager-getsecretvalue-kms-not-allowed.json", DenialKind.AccessDenied)]
    public void Detect_OnFixture_ReturnsKind(string fixture, DenialKind expected) =>
        Assert.Equal(expected, DenialDetector.Detect(Fixture.Record(fixture)).Kind);

    [Fact]
    public void Detect_ExpiredPresignedUrl_SaysWhyItIsNotADenial() =>
        Assert.Contains("expired presigned URL", DenialDetector.Detect(Fixture.Record("not-denied-s3-getobject-presigned-url-expired.json")).Reason, StringComparison.Ordinal);

    [Fact]
    public void EveryFixtureExceptTheNotDeniedOnesIsADenial()
    {
        foreach (var name in Fixture.RecordNames())
        {
            var kind = DenialDetector.Detect(Fixture.Record(name)).Kind;
            Assert.True(name.StartsWith("not-denied-", StringComparison.Ordinal) == (kind == DenialKind.NotDenied), name);
        }
    }

    [Fact]
    public void TheCatchAllRuleComesLast() =>
        Assert.Equal("other-error", DenialDetector.RuleNames[^1]);
}
