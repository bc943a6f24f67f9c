using Denied.Resources;

namespace Denied.Core.Tests.Resources;

public sealed class RecordResourcesTests
{
    private const string ObjectAndBucket = """
        [{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::b/dir/k.txt"},
         {"accountId":"123456789012","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::b"}]
        """;

    private const string BucketAndObject = """
        [{"type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::b"},
         {"type":"AWS::S3::Object","ARN":"arn:aws:s3:::b/dir/k.txt"}]
        """;

    [Theory]
    [InlineData("s3:GetObject", ObjectAndBucket, "arn:aws:s3:::b/dir/k.txt")]
    [InlineData("s3:GetObject", BucketAndObject, "arn:aws:s3:::b/dir/k.txt")]
    [InlineData("s3:ListBucket", ObjectAndBucket, "arn:aws:s3:::b")]
    [InlineData("s3:ListBucket", BucketAndObject, "arn:aws:s3:::b")]
    [InlineData("s3:ListBucket", """[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::b/k"}]""", null)]
    [InlineData("kms:Decrypt", """[{"type":"AWS::KMS::Key","ARN":"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]""", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("lambda:InvokeFunction", """[{"type":"AWS::Lambda::Function","ARN":"arn:aws:lambda:us-east-1:123456789012:function:f"}]""", "arn:aws:lambda:us-east-1:123456789012:function:f")]
    [InlineData("dynamodb:Query", """[{"type":"AWS::DynamoDB::Table","ARN":"arn:aws:dynamodb:us-east-1:123456789012:table/t"}]""", "arn:aws:dynamodb:us-east-1:123456789012:table/t")]
    [InlineData("sqs:SendMessage", """[{"ARN":"arn:aws:sqs:us-east-1:123456789012:q"}]""", "arn:aws:sqs:us-east-1:123456789012:q")]
    [InlineData("sqs:SendMessage", """[{"type":"AWS::SNS::Topic","ARN":"arn:aws:sns:us-east-1:123456789012:t"}]""", null)]
    public void ResourcesArrayEntryIsPickedByTypeAndArnPattern(string action, string resources, string? expected)
    {
        var resolution = Resolve.FromResources(action, resources);
        Assert.Equal(expected, resolution.Resource);
        Assert.Equal(expected is null ? ResourceResolver.Unknown : ResourceResolver.FromResources, resolution.Source);
    }
}
