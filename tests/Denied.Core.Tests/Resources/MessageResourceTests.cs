using Denied.Core.Tests.Iam;
using Denied.Iam;
using Denied.Resources;

namespace Denied.Core.Tests.Resources;

/// <summary>A resource named by an error message reaches a policy only as an ARN (or "*").</summary>
public class MessageResourceTests
{
    [Theory]
    [InlineData("arn:aws:sqs:us-east-1:111122223333:jobs", "us-east-1", "arn:aws:sqs:us-east-1:111122223333:jobs")]
    [InlineData("arn:aws:s3:::bucket/a b.txt", "us-east-1", "arn:aws:s3:::bucket/a b.txt")]
    [InlineData("*", "us-east-1", "*")]
    // SQS's query-protocol message names the queue by URL, in each form SQS issues.
    [InlineData("https://sqs.us-east-1.amazonaws.com/111122223333/jobs", "us-east-1", "arn:aws:sqs:us-east-1:111122223333:jobs")]
    [InlineData("https://queue.amazonaws.com/111122223333/jobs.fifo", "us-east-1", "arn:aws:sqs:us-east-1:111122223333:jobs.fifo")]
    [InlineData("https://vpce-0a1b2c3d4e5f60718-abcdefgh.sqs.eu-west-1.vpce.amazonaws.com/111122223333/jobs", "eu-west-1", "arn:aws:sqs:eu-west-1:111122223333:jobs")]
    [InlineData("https://sqs.cn-north-1.amazonaws.com.cn/111122223333/jobs", "cn-north-1", "arn:aws-cn:sqs:cn-north-1:111122223333:jobs")]
    // Nothing a policy can use: dropped.
    [InlineData("https://sqs.us-east-1.amazonaws.com/111122223333/jobs", null, null)]
    [InlineData("https://example.com/not-a-queue", "us-east-1", null)]
    [InlineData("my-table", "us-east-1", null)]
    [InlineData("arn:aws:sqs", "us-east-1", null)]
    public void ToArn_KeepsArnsConvertsQueueUrlsAndDropsTheRest(string text, string? region, string? expected) =>
        Assert.Equal(expected, MessageResource.ToArn(text, region).Arn);

    [Theory]
    [InlineData("https://sqs.us-east-1.amazonaws.com/111122223333/jobs", "by its URL")]
    [InlineData("my-table", "not an ARN")]
    public void ToArn_ConvertedOrDroppedText_SaysSo(string text, string noteFragment) =>
        Assert.Contains(noteFragment, MessageResource.ToArn(text, "us-east-1").Note, StringComparison.Ordinal);

    [Fact]
    public void ToArn_AnArn_NeedsNoNote() =>
        Assert.Null(MessageResource.ToArn("arn:aws:sqs:us-east-1:111122223333:jobs", "us-east-1").Note);

    [Fact]
    public void Resolve_MessageResourceThatIsNoArn_IsIgnoredForTheRecordsOwn()
    {
        var record = TestRecords.Event("sqs.amazonaws.com", "SendMessage", """{"queueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/jobs"}""");

        var resolution = ResourceResolver.Resolve(record, "sqs:SendMessage", "https://sqs.us-east-1.amazonaws.com/123456789012/jobs", IamCatalog.Default);

        Assert.Equal("arn:aws:sqs:us-east-1:123456789012:jobs", resolution.Resource);
        Assert.Equal(ResourceResolver.FromRequestParameters, resolution.Source);
    }
}
