using System.Text.Json;
using Denied.Detector.Events;
using Denied.LambdaRuntime;

namespace Detector.Tests.Support;

/// <summary>Builds the SQS event Lambda would deliver, and reads the handler's partial batch response.</summary>
public static class SqsBatch
{
    public const string QueueArn = "arn:aws:sqs:us-east-1:123456789012:denied-buffer";

    public static byte[] Event(IEnumerable<(string MessageId, string Body)> messages, int receiveCount = 1) =>
        JsonSerializer.SerializeToUtf8Bytes(new SqsEvent
        {
            Records = messages.Select(m => new SqsMessage
            {
                MessageId = m.MessageId,
                Body = m.Body,
                Attributes = new Dictionary<string, string> { ["ApproximateReceiveCount"] = receiveCount.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                EventSourceArn = QueueArn,
            }).ToList(),
        }, DetectorEventsJsonContext.Default.SqsEvent);

    /// <summary>One message per record, its body the EventBridge envelope, its id "msg-" + the eventID.</summary>
    public static List<(string MessageId, string Body)> Messages(IEnumerable<System.Text.Json.Nodes.JsonObject> records) =>
        records.Select(r => ("msg-" + SampleRecords.EventId(r), SampleRecords.Envelope(r))).ToList();

    /// <summary>The message ids the handler asked SQS to redeliver, sorted.</summary>
    public static IReadOnlyList<string> Failures(byte[] response) =>
        JsonSerializer.Deserialize(response, DetectorEventsJsonContext.Default.SqsBatchResponse)!.BatchItemFailures
            .Select(f => f.ItemIdentifier).Order(StringComparer.Ordinal).ToList();

    /// <summary>An invocation with plenty of time left on <paramref name="clock"/>.</summary>
    public static InvocationContext Invocation(TimeProvider clock) =>
        new("req-" + Guid.NewGuid().ToString("N"), clock.GetUtcNow().AddMinutes(5), "arn:aws:lambda:us-east-1:123456789012:function:denied-detector", null);
}
