using Denied.Detector.Events;
using Denied.LambdaRuntime.Observability;
using Denied.Store;

namespace Denied.Detector;

/// <summary>
/// Sends a message that can never succeed to the dead-letter queue exactly once: a marker in the findings table
/// (claimed, then sent) keeps a message redelivered after its batch's invocation failed whole from being sent a
/// second time. Without a dead-letter queue configured, the message goes back to SQS and the queue's redrive policy
/// moves it after maxReceiveCount receives.
/// </summary>
public sealed class DeadLetterer(DeadLetterSink? sink, FindingStore store, JsonLog log)
{
    /// <summary>True when the message must come back to SQS (no sink, or the send or its marker failed).</summary>
    public async Task<bool> SendAsync(SqsMessage message, string reason, string what, CancellationToken ct)
    {
        var id = message.Id;
        if (sink is null)
        {
            log.Warn(what + "; returned to SQS for its redrive policy", (LogKeys.MessageId, id), (LogKeys.Reason, reason),
                (LogKeys.ReceiveCount, message.Attributes?.GetValueOrDefault("ApproximateReceiveCount")));
            return true;
        }

        try
        {
            // A message without an id has nothing to recognise it by on redelivery: it is sent without a marker.
            if (message.MessageId is not null && await store.TryClaimDeadLetterAsync(id, ct) == NotificationClaim.AlreadySent)
            {
                log.Info(what + " was dead-lettered before; not sent again", (LogKeys.MessageId, id));
                return false;
            }

            await sink.SendAsync(id, message.Body ?? "", reason, ct);
        }
        catch (Exception e) when (e is DeadLetterSendException or FindingStoreException)
        {
            log.Error(what + " could not be dead-lettered; returned to SQS", (LogKeys.MessageId, id), (LogKeys.Error, e.Message));
            return true;
        }

        log.Warn(what + " dead-lettered", (LogKeys.MessageId, id), (LogKeys.Reason, reason));
        if (message.MessageId is null)
        {
            return false;
        }

        try
        {
            await store.MarkDeadLetteredAsync(id, ct);
        }
        catch (FindingStoreException e)
        {
            // It is in the dead-letter queue: not returned. Only a redelivery of the whole batch could send it again.
            log.Warn("dead-letter marker not written", (LogKeys.MessageId, id), (LogKeys.Error, e.Message));
        }

        return false;
    }
}
