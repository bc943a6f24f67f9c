using Amazon.SQS;
using Amazon.SQS.Model;

namespace Denied.Detector;

/// <summary>
/// Where a message that can never succeed goes: straight to the buffer queue's dead-letter queue, with the reason
/// as a message attribute, so it is kept for inspection without being retried (retrying cannot fix it). A failed
/// send throws <see cref="DeadLetterSendException"/>.
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
        try
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
        catch (Exception e) when (e is Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or HttpRequestException or IOException
            || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new DeadLetterSendException($"SQS SendMessage to {queueUrl} failed: {e.Message}", e);
        }
    }
}

/// <summary>A message could not be sent to the dead-letter queue; it goes back to SQS instead.</summary>
public sealed class DeadLetterSendException(string message, Exception inner) : Exception(message, inner);
