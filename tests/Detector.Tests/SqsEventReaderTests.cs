using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Denied.Detector.Events;
using Detector.Tests.Support;

namespace Detector.Tests;

/// <summary>
/// Differential: the hand-written SQS event pass against the source-generated serializer it stands in for. Whatever
/// it returns must be the serializer's event (compared as the serializer writes both back); where the serializer
/// refuses the input it must return nothing, so the serializer's error is the one the invocation fails with.
/// </summary>
public sealed class SqsEventReaderTests
{
    // The shape Lambda delivers (AWS Lambda Developer Guide, "Using Lambda with Amazon SQS": example standard queue message event).
    private const string LambdaEvent = """
        {"Records":[{"messageId":"059f36b4-87a3-44ab-83d2-661975830a7d","receiptHandle":"AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
        "body":"{\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":{\"eventName\":\"GetObject\",\"eventID\":\"e-1\"}}",
        "attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1545082649183","SenderId":"AIDAIENQZJOLO23YVJ4VO","ApproximateFirstReceiveTimestamp":"1545082649185"},
        "messageAttributes":{},"md5OfBody":"e4e68fb7bd0e697a0ae8f1bb342846b3","eventSource":"aws:sqs",
        "eventSourceARN":"arn:aws:sqs:us-east-2:123456789012:my-queue","awsRegion":"us-east-2"},
        {"messageId":"2e1424d4-f796-459a-8184-9c92662be6da","receiptHandle":"AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq...",
        "body":"Test message \u00e4 € \\ \"","attributes":{"ApproximateReceiveCount":"3"},"messageAttributes":{},
        "md5OfBody":"7b270e59b47ff90a553787216d55d91d","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-2:123456789012:my-queue","awsRegion":"us-east-2"}]}
        """;

    [Fact]
    public void TheEventLambdaDeliversReadsAsTheSerializersEvent()
    {
        var read = SqsEventReader.TryRead(Encoding.UTF8.GetBytes(LambdaEvent));

        Assert.NotNull(read);
        Assert.Equal(Serialized(Deserialize(LambdaEvent)!), Serialized(read));
        Assert.Equal("Test message \u00e4 € \\ \"", read.Records[1].Body);
    }

    [Fact]
    public void ATestBatchReadsAsTheSerializersEvent()
    {
        var json = Encoding.UTF8.GetString(SqsBatch.Event([("m-1", "{\"a\":\"<b>\"}"), ("m-2", ""), ("m-3", "\u0001\n\t")]));

        Assert.Equal(Serialized(Deserialize(json)!), Serialized(SqsEventReader.TryRead(Encoding.UTF8.GetBytes(json))!));
    }

    [Fact]
    public void EveryMutationOfEveryMemberReadsAsTheSerializerReadsItOrIsLeftToTheSerializer()
    {
        var checkedCount = 0;
        var readCount = 0;
        foreach (var mutant in Mutants())
        {
            var (expected, refused) = SerializerResult(mutant);
            var read = SqsEventReader.TryRead(Encoding.UTF8.GetBytes(mutant));
            checkedCount++;
            if (read is null)
            {
                continue;
            }

            readCount++;
            Assert.False(refused, $"the serializer refuses this input but the reader read it: {mutant}");
            Assert.True(Serialized(expected!) == Serialized(read), $"a different event from {mutant}");
        }

        Assert.InRange(readCount, checkedCount / 10, checkedCount - (checkedCount / 10));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"Records\":null}")]
    [InlineData("{\"Records\":[null]}")]
    [InlineData("{\"Records\":[],\"Records\":[]}")]
    [InlineData("{\"Rec\\u006frds\":[]}")]
    [InlineData("{\"Records\":[{\"body\":1}]}")]
    [InlineData("{\"Records\":[{\"attributes\":{\"a\":\"1\",\"a\":\"2\"}}]}")]
    [InlineData("{\"Records\":[]} []")]
    [InlineData("[]")]
    public void InputItIsUnsureOfIsLeftToTheSerializer(string json) =>
        Assert.Null(SqsEventReader.TryRead(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("{\"Records\":[{\"messageId\":\"m\",\"body\":\"x\\ud800\"}]}")]
    [InlineData("{\"Records\":[{\"messageId\":\"m\\udc00\",\"body\":\"x\"}]}")]
    [InlineData("{\"Records\":[{\"messageId\":\"m\",\"attributes\":{\"a\":\"\\ud800\"}}]}")]
    public void AnEscapeThatIsNoUtf16TextFailsTheEventAsTheSerializerDoes(string json)
    {
        Assert.Null(SqsEventReader.TryRead(Encoding.UTF8.GetBytes(json)));
        Assert.Throws<JsonException>(() => SqsEvent.Parse(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void ABodyWithAnEscapedSurrogatePairIsLeftToTheSerializerAndReadsWhole()
    {
        const string json = "{\"Records\":[{\"messageId\":\"m\",\"body\":\"\\ud83d\\ude00\"}]}";

        Assert.Null(SqsEventReader.TryRead(Encoding.UTF8.GetBytes(json)));
        Assert.Equal("\U0001F600", Assert.Single(SqsEvent.Parse(Encoding.UTF8.GetBytes(json)).Records).Body);
    }

    [Theory]
    [InlineData("{\"Records\":null}")]
    [InlineData("{\"Records\":[null]}")]
    public void AnEventWithoutMessagesStillFailsTheInvocation(string json) =>
        Assert.Throws<InvalidDataException>(() => SqsEvent.Parse(Encoding.UTF8.GetBytes(json)));

    private static (SqsEvent? Event, bool Refused) SerializerResult(string json)
    {
        try
        {
            return (Deserialize(json), false);
        }
        catch (JsonException)
        {
            return (null, true);
        }
    }

    private static SqsEvent? Deserialize(string json) => JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), DetectorEventsJsonContext.Default.SqsEvent);

    private static string Serialized(SqsEvent e) => JsonSerializer.Serialize(e, DetectorEventsJsonContext.Default.SqsEvent);

    private static readonly string[] Values =
        ["null", "1", "true", "\"s\"", "\"a\\u0041\\n\\\"\"", "{}", "[]", "{\"a\":\"1\"}", "{\"a\":null}", "{\"a\":1}", "{\"a\\u0062\":\"x\"}", "[null]"];

    private static readonly string[] Members = ["messageId", "body", "attributes", "eventSourceARN", "receiptHandle", "eventSource"];

    private static IEnumerable<string> Mutants()
    {
        foreach (var member in Members)
        {
            foreach (var value in Values)
            {
                var root = JsonNode.Parse(LambdaEvent)!.AsObject();
                root["Records"]![0]![member] = JsonNode.Parse(value);
                yield return root.ToJsonString();
            }
        }

        foreach (var value in Values)
        {
            var root = JsonNode.Parse(LambdaEvent)!.AsObject();
            root["Records"] = JsonNode.Parse(value);
            yield return root.ToJsonString();
            root = JsonNode.Parse(LambdaEvent)!.AsObject();
            root["Records"]!.AsArray().Add(JsonNode.Parse(value));
            yield return root.ToJsonString();
        }

        yield return LambdaEvent.Replace("\"body\":", "\"body\":\"x\",\"body\":", StringComparison.Ordinal);
        yield return LambdaEvent.Replace("\"messageId\"", "\"message\\u0049d\"", StringComparison.Ordinal);
        yield return LambdaEvent[..(LambdaEvent.Length / 2)];
        yield return LambdaEvent + "{}";
        yield return LambdaEvent + " \n";
    }
}
