using System.Collections.Concurrent;
using Denied.Detector;

namespace Reliability.Tests.Support;

/// <summary>A dead-letter queue that keeps what it is sent: message id, body and the reason given.</summary>
public sealed class RecordingDeadLetters : DeadLetterSink
{
    public ConcurrentQueue<(string MessageId, string Body, string Reason)> Sent { get; } = new();

    public Task SendAsync(string messageId, string body, string reason, CancellationToken ct)
    {
        Sent.Enqueue((messageId, body, reason));
        return Task.CompletedTask;
    }
}
