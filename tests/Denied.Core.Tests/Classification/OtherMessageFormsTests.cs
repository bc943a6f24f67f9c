using Denied.Classification;

namespace Denied.Core.Tests.Classification;

/// <summary>The message forms outside the enhanced family: EC2, KMS, VPC endpoint, S3 plain, Lambda configuration checks.</summary>
public class OtherMessageFormsTests
{
    [Theory]
    [InlineData("The provided execution role does not have permissions to call ReceiveMessage on SQS", "sqs:ReceiveMessage")]
    [InlineData("The provided execution role does not have permissions to call CreateNetworkInterface on EC2", "ec2:CreateNetworkInterface")]
    [InlineData("The provided execution role does not have permissions to call DeleteNetworkInterface on EC2", "ec2:DeleteNetworkInterface")]
    [InlineData("The provided execution role does not have permissions to call SendMessage on SQS", "sqs:SendMessage")]
    [InlineData("The function execution role does not have permissions to call ReceiveMessage on SQS", "sqs:ReceiveMessage")]
    [InlineData("Invalid request provided: The provided execution role does not have permissions to call DeleteMessage on SQS (Service: Lambda, Status Code: 400, Request ID: 79a59acd-3030-46a0-925c-c2bfc6668c26)", "sqs:DeleteMessage")]
    [InlineData("An error occurred (InvalidParameterValueException) when calling the CreateFunction operation: The provided execution role does not have permissions to call CreateNetworkInterface on EC2", "ec2:CreateNetworkInterface")]
    [InlineData("Cannot access stream arn:aws:kinesis:us-east-1:111122223333:stream/clicks. Please ensure the role can perform the GetRecords, GetShardIterator, DescribeStream, ListShards, and ListStreams Actions on your stream in IAM.", "kinesis:GetRecords")]
    [InlineData("Cannot access stream arn:aws:dynamodb:us-east-1:111122223333:table/Orders/stream/2025-03-14T09:12:05.000. Please ensure the role can perform the GetRecords, GetShardIterator, DescribeStream, and ListStreams Actions on your stream in IAM.", "dynamodb:GetRecords")]
    public void Parse_LambdaExecutionRoleCheck_NamesTheMissingAction(string message, string action)
    {
        var parsed = AccessDeniedMessageParser.Parse(message);

        Assert.Equal(MessageShape.ConfigurationTime, parsed?.Shape);
        Assert.Equal(action, parsed?.ConfigurationAction);
    }

    [Fact]
    public void Parse_CannotAccessStream_KeepsTheStreamArnWithoutTheSentencePeriod() =>
        Assert.Equal("arn:aws:kinesis:us-east-1:111122223333:stream/clicks",
            AccessDeniedMessageParser.Parse("Cannot access stream arn:aws:kinesis:us-east-1:111122223333:stream/clicks. Please ensure the role can perform the GetRecords, GetShardIterator, DescribeStream, and ListStreams Actions on your stream in IAM.")?.Resource);

    [Fact]
    public void Parse_Ec2EncodedMessage_KeepsTheEncodedText()
    {
        var parsed = AccessDeniedMessageParser.Parse("You are not authorized to perform this operation. Encoded authorization failure message: AbC-123_xyz");

        Assert.Equal(MessageShape.EncodedAuthorizationFailure, parsed?.Shape);
        Assert.Equal("AbC-123_xyz", parsed?.EncodedAuthorizationMessage);
        Assert.False(parsed?.EncodedMessageTruncated);
    }

    [Fact]
    public void Parse_Ec2EncodedMessageCutByCloudTrail_IsMarkedTruncated()
    {
        var parsed = AccessDeniedMessageParser.Parse("You are not authorized to perform this operation. Encoded authorization failure message: " + new string('x', 1000) + "...");

        Assert.True(parsed?.EncodedMessageTruncated);
    }

    [Theory]
    [InlineData("The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.", MessageShape.KmsCiphertext)]
    [InlineData("The request was denied due to a VPC endpoint policy", MessageShape.VpcEndpointDenied)]
    [InlineData("Access Denied", MessageShape.PlainAccessDenied)]
    [InlineData("Access denied.", MessageShape.PlainAccessDenied)]
    [InlineData("AccessDenied", MessageShape.PlainAccessDenied)]
    [InlineData("You are not authorized to perform this operation.", MessageShape.GenericNotAuthorized)]
    [InlineData("No access to any requested resource", MessageShape.GenericNotAuthorized)]
    [InlineData("Principal [arn:aws:iam::111122223333:user/dana] is not allowed to execute [glue:GetTable] on the resource", MessageShape.PrincipalNotAllowed)]
    [InlineData("Access to the resource arn:aws:sagemaker:us-east-1:111122223333:model/m is denied.", MessageShape.ResourceDenied)]
    [InlineData("Not authorized to access resource arn:aws:iot:us-east-1:111122223333:thing/t", MessageShape.ResourceDenied)]
    [InlineData("An error occurred (Forbidden) when calling the HeadObject operation: Forbidden", MessageShape.WrappedOnly)]
    [InlineData("Access to KMS is not allowed", MessageShape.KmsAccessNotAllowed)]
    [InlineData("An error occurred (AccessDeniedException) when calling the GetSecretValue operation: Access to KMS is not allowed", MessageShape.KmsAccessNotAllowed)]
    [InlineData("Access to the resource https://sqs.us-east-1.amazonaws.com/111122223333/jobs is denied.", MessageShape.ResourceDenied)]
    public void Parse_RecognisesTheShape(string message, MessageShape shape) =>
        Assert.Equal(shape, AccessDeniedMessageParser.Parse(message)?.Shape);

    [Fact]
    public void Parse_VpcEndpointMessage_NamesTheVpcEndpointPolicyWithoutAVerdict()
    {
        var parsed = AccessDeniedMessageParser.Parse("The request was denied due to a VPC endpoint policy");

        Assert.Equal("VPC endpoint policy", parsed?.PolicyType);
        Assert.Null(parsed?.ExplicitDeny);
    }

    [Fact]
    public void Parse_PrincipalNotAllowed_KeepsPrincipalAndAction()
    {
        var parsed = AccessDeniedMessageParser.Parse("Principal [arn:aws:iam::111122223333:user/dana] is not allowed to execute [glue:GetTable] on the resource");

        Assert.Equal("arn:aws:iam::111122223333:user/dana", parsed?.Principal);
        Assert.Equal("glue:GetTable", parsed?.Action);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("The specified key does not exist.")]
    [InlineData("Rate exceeded")]
    public void Parse_NothingRecognisable_ReturnsNull(string? message) =>
        Assert.Null(AccessDeniedMessageParser.Parse(message));
}
