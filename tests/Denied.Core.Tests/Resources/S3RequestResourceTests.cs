using Denied.Resources;

namespace Denied.Core.Tests.Resources;

public sealed class S3RequestResourceTests
{
    [Fact]
    public void ListObjectsV2MapsToListBucketOnTheBucketArn()
    {
        var record = Iam.TestRecords.Event("s3.amazonaws.com", "ListObjectsV2", """{"bucketName":"b","list-type":"2","prefix":"dir/","Host":"b.s3.amazonaws.com"}""");
        var action = Denied.Actions.ActionResolver.Resolve(record, null, Denied.Iam.IamCatalog.Default).Action;
        var resolution = ResourceResolver.Resolve(record, action, null, Denied.Iam.IamCatalog.Default);
        Assert.Equal(("s3:ListBucket", "arn:aws:s3:::b"), (action, resolution.Resource));
    }

    [Theory]
    [InlineData("s3:GetObject", """{"bucketName":"b","key":"dir/k.txt"}""", "arn:aws:s3:::b/dir/k.txt")]
    [InlineData("s3:PutObject", """{"bucketName":"b","key":"k","Host":"b.s3.amazonaws.com"}""", "arn:aws:s3:::b/k")]
    [InlineData("s3:DeleteObject", """{"bucketName":"b","key":"a b/ü.txt"}""", "arn:aws:s3:::b/a b/ü.txt")]
    [InlineData("s3:ListBucket", """{"bucketName":"b"}""", "arn:aws:s3:::b")]
    [InlineData("s3:ListBucket", """{"bucketName":"b","key":"ignored"}""", "arn:aws:s3:::b")]
    [InlineData("s3:GetBucketPolicy", """{"bucketName":"b","policy":""}""", "arn:aws:s3:::b")]
    [InlineData("s3:GetEncryptionConfiguration", """{"bucketName":"b","encryption":""}""", "arn:aws:s3:::b")]
    public void BucketAndKeyGiveTheNarrowestArnTheActionIsAuthorisedOn(string action, string requestParameters, string expected)
    {
        var resolution = Resolve.FromParameters(action, requestParameters);
        Assert.Equal((expected, ResourceResolver.FromRequestParameters), (resolution.Resource, resolution.Source));
    }

    [Fact]
    public void ObjectActionWithoutKeyIsNeverWidenedToTheBucket()
    {
        var resolution = Resolve.FromParameters("s3:GetObject", """{"bucketName":"b"}""");
        Assert.Null(resolution.Resource);
        Assert.DoesNotContain("*", resolution.Resource ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cn-north-1", "arn:aws-cn:s3:::b/k")]
    [InlineData("us-gov-west-1", "arn:aws-us-gov:s3:::b/k")]
    [InlineData("eu-west-1", "arn:aws:s3:::b/k")]
    public void PartitionFollowsTheRegion(string region, string expected) =>
        Assert.Equal(expected, Resolve.FromParameters("s3:GetObject", """{"bucketName":"b","key":"k"}""", region).Resource);
}
