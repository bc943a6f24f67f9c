using System.Text.Json;
using Denied.Detector.Events;

namespace Denied.Benchmarks;

/// <summary>The SQS event Lambda delivers to the Detector, one message per EventBridge envelope.</summary>
public static class SqsEvents
{
    public static byte[] Batch(IEnumerable<string> bodies) =>
        JsonSerializer.SerializeToUtf8Bytes(new SqsEvent
        {
            Records = bodies.Select((body, i) => new SqsMessage
            {
                MessageId = $"msg-{i:D6}-{Guid.NewGuid():N}",
                Body = body,
                Attributes = new Dictionary<string, string> { ["ApproximateReceiveCount"] = "1" },
                EventSourceArn = "arn:aws:sqs:us-east-1:111122223333:denied-buffer",
            }).ToList(),
        }, DetectorEventsJsonContext.Default.SqsEvent);
}
