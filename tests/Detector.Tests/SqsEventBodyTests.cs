using System.Text;
using System.Text.Json;
using Denied.Detector.Events;

namespace Detector.Tests;

/// <summary>The SQS body is read as its unescaped UTF-8 bytes: the same text a string read gave, for every escape.</summary>
public sealed class SqsEventBodyTests
{
    [Theory]
    [InlineData("{\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":{\"eventName\":\"GetObject\"}}")]
    [InlineData("quote \" backslash \\ slash / controls \b\f\n\r\t \u0001 non-ASCII ä€😀 <script>")]
    [InlineData("")]
    public void TheBodyBytesAreTheUtf8OfTheBodyString(string body)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new SqsEvent { Records = [new SqsMessage { MessageId = "m-1", Body = body }] }, DetectorEventsJsonContext.Default.SqsEvent);
        var expected = JsonDocument.Parse(json).RootElement.GetProperty("Records")[0].GetProperty("body").GetString()!;

        var message = Assert.Single(SqsEvent.Parse(json).Records);

        Assert.Equal(Encoding.UTF8.GetBytes(expected), message.Utf8Body!.Value.ToArray());
        Assert.Equal(expected, message.Body);
    }

    [Fact]
    public void AnEscapedUnicodeBodyIsUnescapedOnce() =>
        Assert.Equal("{\"a\":\"\u00e4\\\"\"}", Assert.Single(SqsEvent.Parse("{\"Records\":[{\"messageId\":\"m\",\"body\":\"{\\\"a\\\":\\\"\\u00e4\\\\\\\"\\\"}\"}]}"u8.ToArray()).Records).Body);

    [Fact]
    public void ANullBodyIsAMessageWithoutABody()
    {
        var message = Assert.Single(SqsEvent.Parse("{\"Records\":[{\"messageId\":\"m\",\"body\":null}]}"u8.ToArray()).Records);

        Assert.Null(message.Body);
        Assert.Equal("message without a body", message.Record().Error);
    }

    [Theory]
    [InlineData("{\"Records\":[{\"messageId\":\"m\",\"body\":7}]}")]
    [InlineData("{\"Records\":[{\"messageId\":\"m\",\"body\":{}}]}")]
    [InlineData("{\"Records\":[{\"messageId\":\"m\",\"body\":\"unterminated}]}")]
    public void ABodyThatIsNotAJsonStringFailsTheEventAsItDidAsAString(string json) =>
        Assert.Throws<JsonException>(() => SqsEvent.Parse(Encoding.UTF8.GetBytes(json)));
}
