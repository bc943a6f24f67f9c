using System.Collections.Concurrent;
using Denied.AwsClients;

namespace Reliability.Tests.Support;

/// <summary>An SNS topic that keeps every message published to it.</summary>
public sealed class RecordingPublisher : SnsPublisher
{
    public ConcurrentQueue<SnsMessage> Published { get; } = new();

    public Task<string> PublishAsync(SnsMessage message, CancellationToken ct)
    {
        Published.Enqueue(message);
        return Task.FromResult("msg-" + Published.Count);
    }
}
