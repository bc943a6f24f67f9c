using Amazon.SQS;
using Amazon.SQS.Model;

namespace Denied.Detector;

/// <summary>
/// Where a malformed message goes: straight to the buffer queue's dead-letter queue, with the reason as a
/// message attribute, so it is kept for inspection without being retried (retrying cannot fix it).
/// </summary>
public interface DeadLetterSink
{
    Task SendAsync(string messageId, string body, string reason, CancellationToken ct);
}

/// <summary>The SQS dead-letter queue; tested against moto in Detector.Tests.</summary>
public sealed class SqsDeadLetterSink(IAmazonSQS sqs, string queueUrl) : DeadLetterSink
{
    public async Task SendAsync(string messageId, string body, string reason, CancellationToken ct)
    {
        await sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = queueUrl,
            MessageBody = body.Length > 0 ? body : "(empty body)",
            MessageAttributes = new Dictionary<string, MessageAttributeValue>
            {
                ["denied-reason"] = new() { DataType = "String", StringValue = reason },
                ["denied-original-message-id"] = new() { DataType = "String", StringValue = messageId },
            },
        }, ct);
    }
}
