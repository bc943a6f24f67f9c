namespace Denied.Core.Tests.Resources;

public sealed class LogsStreamsEventsTests
{
    [Theory]
    [InlineData("logs:CreateLogGroup", """{"logGroupName":"/aws/lambda/f"}""", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f")]
    [InlineData("logs:CreateLogStream", """{"logGroupName":"/aws/lambda/f","logStreamName":"2024/01/01/[$LATEST]abc"}""", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:log-stream:2024/01/01/[$LATEST]abc")]
    [InlineData("logs:PutLogEvents", """{"logGroupName":"/aws/lambda/f","logStreamName":"s"}""", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:log-stream:s")]
    [InlineData("logs:DescribeLogStreams", """{"logGroupIdentifier":"/aws/lambda/f"}""", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f")]
    public void LogGroupAndStreamNamesGiveTheLogArns(string action, string requestParameters, string expected) =>
        Assert.Equal(expected, Resolve.FromParameters(action, requestParameters).Resource);

    [Theory]
    [InlineData("kinesis:PutRecord", """{"streamName":"clicks","partitionKey":"p"}""", "arn:aws:kinesis:us-east-1:123456789012:stream/clicks")]
    [InlineData("kinesis:PutRecord", """{"streamARN":"arn:aws:kinesis:us-east-1:999988887777:stream/clicks"}""", "arn:aws:kinesis:us-east-1:999988887777:stream/clicks")]
    [InlineData("firehose:PutRecord", """{"deliveryStreamName":"to-s3"}""", "arn:aws:firehose:us-east-1:123456789012:deliverystream/to-s3")]
    public void StreamNamesGiveTheStreamArns(string action, string requestParameters, string expected) =>
        Assert.Equal(expected, Resolve.FromParameters(action, requestParameters).Resource);

    [Theory]
    [InlineData("""{"entries":[{"source":"app","detailType":"x"}]}""", "arn:aws:events:us-east-1:123456789012:event-bus/default")]
    [InlineData("""{"entries":[{"eventBusName":"orders"},{"eventBusName":"orders"}]}""", "arn:aws:events:us-east-1:123456789012:event-bus/orders")]
    [InlineData("""{"entries":[{"eventBusName":"arn:aws:events:us-east-1:999988887777:event-bus/central"}]}""", "arn:aws:events:us-east-1:999988887777:event-bus/central")]
    public void PutEventsEntriesGiveTheEventBusArn(string requestParameters, string expected) =>
        Assert.Equal(expected, Resolve.FromParameters("events:PutEvents", requestParameters).Resource);

    [Fact]
    public void PutEventsToSeveralBusesGivesNullWithNote()
    {
        var resolution = Resolve.FromParameters("events:PutEvents", """{"entries":[{"eventBusName":"a"},{}]}""");
        Assert.Null(resolution.Resource);
        Assert.Contains(resolution.Notes, n => n.Contains("a, default", StringComparison.Ordinal));
    }
}
