namespace Denied.Core.Tests.Resources;

public sealed class SqsRequestResourceTests
{
    [Theory]
    [InlineData("https://sqs.us-east-1.amazonaws.com/123456789012/jobs", "arn:aws:sqs:us-east-1:123456789012:jobs")]
    [InlineData("https://sqs.us-east-1.amazonaws.com/999988887777/other-account", "arn:aws:sqs:us-east-1:999988887777:other-account")]
    [InlineData("https://queue.amazonaws.com/123456789012/legacy", "arn:aws:sqs:us-east-1:123456789012:legacy")]
    [InlineData("https://us-east-1.queue.amazonaws.com/123456789012/legacy-regional", "arn:aws:sqs:us-east-1:123456789012:legacy-regional")]
    [InlineData("https://vpce-0123456789abcdef0-abcdefgh.sqs.us-east-1.vpce.amazonaws.com/123456789012/private", "arn:aws:sqs:us-east-1:123456789012:private")]
    [InlineData("https://sqs.us-east-1.amazonaws.com/123456789012/jobs.fifo", "arn:aws:sqs:us-east-1:123456789012:jobs.fifo")]
    public void QueueUrlGivesTheQueueArn(string queueUrl, string expected) =>
        Assert.Equal(expected, Resolve.FromParameters("sqs:SendMessage", $$"""{"queueUrl":"{{queueUrl}}","messageBody":"x"}""").Resource);

    [Fact]
    public void ChinaQueueUrlGivesAnAwsCnArn() =>
        Assert.Equal(
            "arn:aws-cn:sqs:cn-north-1:123456789012:jobs",
            Resolve.FromParameters("sqs:ReceiveMessage", """{"queueUrl":"https://sqs.cn-north-1.amazonaws.com.cn/123456789012/jobs"}""", "cn-north-1").Resource);

    [Fact]
    public void QueueNameGivesTheQueueInTheRecordAccount() =>
        Assert.Equal("arn:aws:sqs:us-east-1:123456789012:q", Resolve.FromParameters("sqs:GetQueueUrl", """{"queueName":"q"}""").Resource);

    [Theory]
    [InlineData("not a url")]
    [InlineData("https://sqs.us-east-1.amazonaws.com/jobs")]
    public void MalformedQueueUrlGivesNullWithNote(string queueUrl)
    {
        var resolution = Resolve.FromParameters("sqs:SendMessage", $$"""{"queueUrl":"{{queueUrl}}"}""");
        Assert.Null(resolution.Resource);
        Assert.Contains(resolution.Notes, n => n.Contains(queueUrl, StringComparison.Ordinal));
    }
}
