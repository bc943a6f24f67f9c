using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Denied.LambdaRuntime;
using Denied.LambdaRuntime.Observability;
using Denied.Notifier;
using Denied.Store;

namespace Notifier.Tests;

/// <summary>Records the processor must skip or reject before any AWS call (the store points nowhere).</summary>
public sealed class StreamRecordProcessorTests
{
    private readonly CountingPublisher _sns = new();
    private readonly StringWriter _output = new();

    [Fact]
    public void TheFindingSortKeyIsTheStores() =>
        Assert.Equal(StreamRecordProcessor.FindingSortKey, FindingItemMapper.Key("x")[StreamRecordProcessor.SortKeyAttribute].S);

    [Fact]
    public async Task NonFindingItemsAndRemovals_AreSkippedWithoutACall()
    {
        var failures = await InvokeAsync("""
            {"Records":[
              {"eventID":"1","eventName":"INSERT","dynamodb":{"Keys":{"pk":{"S":"F#abc"},"sk":{"S":"NOTIFY#new"}},"NewImage":{"pk":{"S":"F#abc"},"sk":{"S":"NOTIFY#new"},"state":{"S":"claimed"}},"SequenceNumber":"100"}},
              {"eventID":"2","eventName":"INSERT","dynamodb":{"Keys":{"pk":{"S":"E#e1"},"sk":{"S":"EVENT"}},"NewImage":{"pk":{"S":"E#e1"},"sk":{"S":"EVENT"}},"SequenceNumber":"101"}},
              {"eventID":"3","eventName":"REMOVE","dynamodb":{"Keys":{"pk":{"S":"F#abc"},"sk":{"S":"FINDING"}},"OldImage":{"pk":{"S":"F#abc"}},"SequenceNumber":"102"}}
            ]}
            """);

        Assert.Empty(failures);
        Assert.Empty(_sns.Published);
        Assert.Contains("\"RecordsSkipped\":3", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFindingImageThatCannotBeRead_IsReportedAtItsSequenceAndStopsTheBatch()
    {
        var failures = await InvokeAsync("""
            {"Records":[
              {"eventID":"1","eventName":"REMOVE","dynamodb":{"Keys":{"pk":{"S":"F#a"},"sk":{"S":"FINDING"}},"SequenceNumber":"200"}},
              {"eventID":"2","eventName":"INSERT","dynamodb":{"Keys":{"pk":{"S":"F#b"},"sk":{"S":"FINDING"}},"NewImage":{"pk":{"S":"F#b"},"sk":{"S":"FINDING"},"account":{"S":"<!channel> secret text"}},"SequenceNumber":"201"}},
              {"eventID":"3","eventName":"INSERT","dynamodb":{"Keys":{"pk":{"S":"F#c"},"sk":{"S":"FINDING"}},"NewImage":{"pk":{"S":"F#c"}},"SequenceNumber":"202"}}
            ]}
            """);

        Assert.Equal(["201"], failures);
        Assert.Empty(_sns.Published);
        var log = _output.ToString();
        Assert.Contains("\"PermanentFailures\":1", log, StringComparison.Ordinal);
        Assert.Contains("\"RecordsRetried\":2", log, StringComparison.Ordinal);
        Assert.DoesNotContain("secret text", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedRecordWithoutASequenceNumber_FailsTheInvocation() =>
        await Assert.ThrowsAsync<InvalidDataException>(() => InvokeAsync("""
            {"Records":[{"eventID":"1","eventName":"INSERT","dynamodb":{"Keys":{"sk":{"S":"FINDING"}},"NewImage":{"sk":{"S":"FINDING"}}}}]}
            """));

    [Fact]
    public async Task NearTheDeadline_TheRestOfTheBatchIsHandedBack()
    {
        var failures = await InvokeAsync("""
            {"Records":[{"eventID":"1","eventName":"REMOVE","dynamodb":{"Keys":{"sk":{"S":"FINDING"}},"SequenceNumber":"300"}}]}
            """, TimeSpan.FromSeconds(1));

        Assert.Equal(["300"], failures);
    }

    // Found by scripts/fuzz.sh (seed 20261120): an invalid UTF-8 sequence in a string the handler reads.
    [Fact]
    public async Task InvalidUtf8InTheSortKey_IsNotAFindingAndIsSkipped()
    {
        var failures = await InvokeAsync(Utf8WithInvalidByte("""
            {"Records":[{"eventID":"1","eventName":"INSERT","dynamodb":{"Keys":{"pk":{"S":"F#a"},"sk":{"S":"FIN@"}},"NewImage":{"sk":{"S":"FIN@"}},"SequenceNumber":"400"}}]}
            """));

        Assert.Empty(failures);
        Assert.Contains("\"RecordsSkipped\":1", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidUtf8InAFindingImage_IsReportedAtItsSequence()
    {
        var failures = await InvokeAsync(Utf8WithInvalidByte("""
            {"Records":[{"eventID":"1","eventName":"INSERT","dynamodb":{"Keys":{"pk":{"S":"F#a"},"sk":{"S":"FINDING"}},"NewImage":{"sk":{"S":"FINDING"},"account":{"S":"@"}},"SequenceNumber":"400"}}]}
            """));

        Assert.Equal(["400"], failures);
        Assert.Contains("\"PermanentFailures\":1", _output.ToString(), StringComparison.Ordinal);
    }

    // Strings the serializer itself reads (envelope fields, attribute names) fail the whole event with a JsonException naming the path.
    [Theory]
    [InlineData("""{"Records":[{"eventID":"1","eventName":"INSERT","dynamodb":{"Keys":{"sk":{"S":"FINDING"}},"SequenceNumber":"4@0"}}]}""", "SequenceNumber")]
    [InlineData("""{"Records":[{"eventID":"@","eventName":"REMOVE","dynamodb":{"SequenceNumber":"400"}}]}""", "eventID")]
    [InlineData("""{"Records":[{"eventID":"1","eventName":"INSERT","dynamodb":{"Keys":{"sk":{"S":"FINDING"}},"NewImage":{"@":{"S":"x"}},"SequenceNumber":"400"}}]}""", "NewImage")]
    public async Task InvalidUtf8InTheEnvelope_FailsTheInvocationNamingThePath(string json, string path)
    {
        var error = await Assert.ThrowsAsync<JsonException>(() => InvokeAsync(Utf8WithInvalidByte(json)));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    /// <summary>The JSON as UTF-8 with each '@' replaced by 0xC3, a lead byte without its continuation.</summary>
    private static byte[] Utf8WithInvalidByte(string json) =>
        Encoding.UTF8.GetBytes(json).Select(b => b == (byte)'@' ? (byte)0xC3 : b).ToArray();

    private Task<IReadOnlyList<string>> InvokeAsync(string json, TimeSpan? timeLeft = null) => InvokeAsync(Encoding.UTF8.GetBytes(json), timeLeft);

    private async Task<IReadOnlyList<string>> InvokeAsync(byte[] body, TimeSpan? timeLeft = null)
    {
        // No I/O happens in the store's constructor, and these records never reach it.
        var dynamo = new AmazonDynamoDBClient(new BasicAWSCredentials("x", "y"), new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:1" });
        var store = new FindingStore(dynamo, "denied-findings", TimeProvider.System);
        var log = new JsonLog(_output, "denied-notifier");
        var metrics = new EmfMetrics(_output, "Denied", "denied-notifier", TimeProvider.System);
        var processor = new StreamRecordProcessor(store, _sns, "arn:aws:sns:us-east-1:123456789012:t", [100], log, metrics);
        var handler = new NotifierHandler(processor, log, metrics, TimeProvider.System);
        var context = new InvocationContext("r", DateTimeOffset.UtcNow + (timeLeft ?? TimeSpan.FromMinutes(5)), null, null);
        var response = await handler.HandleAsync(body, context, CancellationToken.None);
        using var doc = JsonDocument.Parse(response);
        return doc.RootElement.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()!).ToList();
    }
}
