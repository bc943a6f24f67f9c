using Denied.Core.Tests.Iam;
using Denied.Iam;
using Denied.Resources;

namespace Denied.Core.Tests.Resources;

public sealed class ResourceResolverTests
{
    [Fact]
    public void MessageResourceWinsOverEverythingInTheRecord()
    {
        // The object AWS evaluated, in the request's bucket (a copy's source key is not requestParameters.key).
        var record = TestRecords.Event("s3.amazonaws.com", "GetObject", """{"bucketName":"b","key":"k"}""");
        var resolution = ResourceResolver.Resolve(record, "s3:GetObject", "arn:aws:s3:::b/other-key", IamCatalog.Default);
        Assert.Equal(("arn:aws:s3:::b/other-key", ResourceResolver.FromMessage), (resolution.Resource, resolution.Source));
    }

    [Theory]
    [InlineData("""{"bucketName":"b","key":"k"}""", "arn:aws:s3:::other/key", null)]
    [InlineData("""{"bucketName":"b","key":"k","x-amz-copy-source":"src/in/k"}""", "arn:aws:s3:::src/in/k", "arn:aws:s3:::src/in/k")]
    [InlineData("""{"bucketName":"b","key":"k","x-amz-copy-source":"/src/in/k?versionId=3"}""", "arn:aws:s3:::src/in/k", "arn:aws:s3:::src/in/k")]
    [InlineData("""{"bucketName":"b","key":"k","x-amz-copy-source":"src%2Fin%2Fk"}""", "arn:aws:s3:::src/in/k", "arn:aws:s3:::src/in/k")]
    public void AMessageBucketTheRequestDoesNotNameIsNotTheResource(string parameters, string messageArn, string? resource)
    {
        var record = TestRecords.Event("s3.amazonaws.com", "CopyObject", parameters);
        var resolution = ResourceResolver.Resolve(record, "s3:GetObject", messageArn, IamCatalog.Default);
        Assert.Equal(resource, resolution.Resource);
    }

    [Theory]
    [InlineData("xray:PutTraceSegments")]
    [InlineData("s3:ListAllMyBuckets")]
    [InlineData("ec2:DescribeInstances")]
    [InlineData("kms:ListKeys")]
    public void ActionWithoutResourceLevelPermissionsGetsStar(string action)
    {
        var resolution = Resolve.FromParameters(action, """{"bucketName":"b"}""");
        Assert.Equal(("*", ResourceResolver.NoResourceLevelPermissions), (resolution.Resource, resolution.Source));
        Assert.Single(resolution.Notes);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("s3:NoSuchAction")]
    public void UnknownActionGivesNullWithNote(string? action)
    {
        var record = TestRecords.Event("s3.amazonaws.com", "GetObject", """{"bucketName":"b","key":"k"}""");
        var resolution = ResourceResolver.Resolve(record, action, null, IamCatalog.Default);
        Assert.Equal((null, ResourceResolver.Unknown), (resolution.Resource, resolution.Source));
        Assert.NotEmpty(resolution.Notes);
    }

    [Fact]
    public void NullRequestParametersWithoutResourcesGivesNullWithNote()
    {
        var resolution = ResourceResolver.Resolve(TestRecords.Event("secretsmanager.amazonaws.com", "GetSecretValue"), "secretsmanager:GetSecretValue", null, IamCatalog.Default);
        Assert.Null(resolution.Resource);
        Assert.Contains(resolution.Notes, n => n.Contains("requestParameters", StringComparison.Ordinal));
    }

    [Fact]
    public void ParametersThatFitNoResourceTypeGiveNullWithNote()
    {
        var resolution = Resolve.FromParameters("sns:Publish", """{"phoneNumber":"+15555550100","message":"hi"}""");
        Assert.Equal((null, ResourceResolver.Unknown), (resolution.Resource, resolution.Source));
        Assert.Contains(resolution.Notes, n => n.Contains("topic", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sns:Publish", """{"topicArn":"arn:aws:sns:us-east-1:123456789012:alerts","message":"x"}""", "arn:aws:sns:us-east-1:123456789012:alerts")]
    [InlineData("sns:Publish", """{"targetArn":"arn:aws:sns:us-east-1:123456789012:alerts"}""", "arn:aws:sns:us-east-1:123456789012:alerts")]
    [InlineData("states:StartExecution", """{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:flow"}""", "arn:aws:states:us-east-1:123456789012:stateMachine:flow")]
    [InlineData("sts:AssumeRole", """{"roleArn":"arn:aws:iam::123456789012:role/path/r","roleSessionName":"s"}""", "arn:aws:iam::123456789012:role/path/r")]
    [InlineData("dynamodb:GetRecords", """{"streamArn":"arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024-01-01T00:00:00.000"}""", "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024-01-01T00:00:00.000")]
    public void ArnParameterOfAFittingTypeIsTaken(string action, string requestParameters, string expected)
    {
        var resolution = Resolve.FromParameters(action, requestParameters);
        Assert.Equal((expected, ResourceResolver.FromRequestParameters), (resolution.Resource, resolution.Source));
    }

    [Fact]
    public void ArnParameterOfAnotherTypeIsIgnored()
    {
        // The KMS key in a Publish request is not the topic the call was evaluated on.
        var resolution = Resolve.FromParameters("sns:Publish", """{"kmsKey":"arn:aws:kms:us-east-1:123456789012:key/k"}""");
        Assert.Null(resolution.Resource);
    }
}
