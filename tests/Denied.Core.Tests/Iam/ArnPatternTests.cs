using Denied.Iam;

namespace Denied.Core.Tests.Iam;

public sealed class ArnPatternTests
{
    [Fact]
    public void FillReplacesEveryVariable()
    {
        var values = new Dictionary<string, string> { ["Partition"] = "aws", ["BucketName"] = "b", ["ObjectName"] = "dir/k.txt" };
        Assert.Equal("arn:aws:s3:::b/dir/k.txt", ArnPattern.Fill("arn:${Partition}:s3:::${BucketName}/${ObjectName}", values));
    }

    [Fact]
    public void FillReturnsNullRatherThanLeaveAVariableOpen()
    {
        var values = new Dictionary<string, string> { ["Partition"] = "aws", ["BucketName"] = "b" };
        Assert.Null(ArnPattern.Fill("arn:${Partition}:s3:::${BucketName}/${ObjectName}", values));
    }

    [Theory]
    [InlineData("arn:${Partition}:s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::b/k", true)]
    [InlineData("arn:${Partition}:s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::b", false)]
    [InlineData("arn:${Partition}:s3:::${BucketName}", "arn:aws-cn:s3:::b", true)]
    [InlineData("arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}", "arn:aws:lambda:us-east-1:123456789012:function:f:prod", true)]
    [InlineData("arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}", "arn:aws:lambda:us-east-1:123456789012:layer:l:1", false)]
    [InlineData("arn:${Partition}:sqs:${Region}:${Account}:${QueueName}", "arn:aws:sns:us-east-1:123456789012:t", false)]
    [InlineData("arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}", "arn:aws:kms:us-east-1:123456789012:alias/a", false)]
    public void MatchesChecksTheLiteralPartsOfThePattern(string pattern, string arn, bool expected) =>
        Assert.Equal(expected, ArnPattern.Matches(pattern, arn));
}
