using System.Text;
using System.Text.Json;
using Denied.Detector.Events;

namespace Detector.Tests;

/// <summary>The SQS body is kept as its JSON string token and unescaped to UTF-8 for the record parse: the same text a string read gave, for every escape.</summary>
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
        var token = message.JsonBody!.Value.Span;
        var unescaped = new byte[token.Length];

        Assert.Equal(Encoding.UTF8.GetBytes(expected), unescaped[..JsonStringToken.Unescape(token, unescaped)]);
        Assert.Equal(expected, message.Body);
    }

    [Fact]
    public void AnEscapedUnicodeBodyIsUnescapedOnce() =>
        Assert.Equal("{\"a\":\"\u00e4\\\"\"}", Assert.Single(SqsEvent.Parse("{\"Records\":[{\"messageId\":\"m\",\"body\":\"{\\\"a\\\":\\\"\\u00e4\\\\\\\"\\\"}\"}]}"u8.ToArray()).Records).Body);

    [Fact]
    public void AnEventLeftToTheSerializerGivesTheSameBodiesAndRecords()
    {
        var envelope = "{\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":{\"eventName\":\"GetObject\",\"eventID\":\"e-\u00e4\"}}";
        var json = Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(new SqsEvent { Records = [new SqsMessage { MessageId = "m-1", Body = envelope }] }, DetectorEventsJsonContext.Default.SqsEvent));
        var forced = json.Replace("\"messageId\"", "\"message\\u0049d\"", StringComparison.Ordinal);
        Assert.Null(SqsEventReader.TryRead(Encoding.UTF8.GetBytes(forced)));

        var read = Assert.Single(SqsEvent.Parse(Encoding.UTF8.GetBytes(json)).Records);
        var serialized = Assert.Single(SqsEvent.Parse(Encoding.UTF8.GetBytes(forced)).Records);

        Assert.Equal(envelope, read.Body);
        Assert.Equal(envelope, serialized.Body);
        Assert.Equal("e-\u00e4", read.Record().Record!.EventId);
        Assert.Equal("e-\u00e4", serialized.Record().Record!.EventId);
    }

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
