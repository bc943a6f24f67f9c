using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Denied.AwsClients;
using Denied.Findings;
using Denied.LambdaRuntime.Observability;
using Denied.Notifications;
using Denied.Notifier.Events;
using Denied.Store;

namespace Denied.Notifier;

/// <summary>
/// One stream record of the findings table to at most one SNS publish per state change. Keeps only finding
/// items (sk "FINDING": notification markers, ledger entries and suppression rules share the table), maps the
/// old and new images to findings, asks <see cref="NotificationDecider"/> what changed, and for each
/// notification: claim its marker, publish one message, mark it sent. "Never twice for the same state
/// change": a marker already sent (a stream record delivered again) is skipped. A claim left by an attempt
/// that failed after a successful Publish only because the mark could not be written is marked, not published
/// again, when the retry runs in the same process (<see cref="UnmarkedPublishes"/>). A claim left by an attempt
/// that died before marking, or whose Publish answer was lost, is published again: a crash between Publish and
/// the mark, or each Publish SNS accepted but whose answer never came back, can add one copy, but no failure
/// loses a message (at least once). Logs carry ids, never CloudTrail text.
/// </summary>
public sealed class StreamRecordProcessor(
    FindingStore store, SnsPublisher sns, string topicArn, IReadOnlyList<long> countThresholds, JsonLog log, EmfMetrics metrics)
{
    /// <summary>The sort key of finding items (FindingItemMapper.Key); a test pins it to the store's.</summary>
    internal const string FindingSortKey = "FINDING";

    internal const string SortKeyAttribute = "sk";

    private readonly UnmarkedPublishes _unmarked = new();

    public async Task<RecordOutcome> ProcessAsync(DynamoDbStreamRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        var data = record.Dynamodb;
        if (data?.NewImage is null || !IsFindingItem(data.Keys))
        {
            // REMOVE (TTL expiry, deletes) and other item kinds never notify.
            metrics.Add(Metric.RecordsSkipped);
            log.Info("stream record skipped", (LogKeys.EventId, record.EventId), (NotifierLogKeys.EventName, record.EventName),
                (NotifierLogKeys.Reason, data?.NewImage is null ? "no new image (a REMOVE, or keys only)" : "not a finding item"));
            return RecordOutcome.Done;
        }

        Finding newImage;
        Finding? oldImage;
        try
        {
            newImage = ToFinding(data.NewImage);
            oldImage = data.OldImage is { } old ? ToFinding(old) : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or OverflowException or ArgumentException or InvalidOperationException)
        {
            metrics.Add(Metric.PermanentFailures);
            log.Error("a finding image cannot be read; the record is reported failed until the mapping's retries send it to the on-failure destination",
                (LogKeys.EventId, record.EventId), (NotifierLogKeys.SequenceNumber, data.SequenceNumber), (LogKeys.Error, e.GetType().Name));
            return RecordOutcome.Permanent;
        }

        var notifications = NotificationDecider.Decide(oldImage, newImage, countThresholds);
        if (notifications.Count == 0)
        {
            log.Info("stream record skipped", (LogKeys.FindingId, newImage.Id), (LogKeys.EventId, record.EventId),
                (NotifierLogKeys.Reason, "no state change that notifies (the write recorded no new finding, reopening or count past a threshold)"));
        }

        foreach (var notification in notifications)
        {
            var outcome = await SendAsync(notification, record, ct);
            if (outcome != RecordOutcome.Done)
            {
                return outcome;
            }
        }

        return RecordOutcome.Done;
    }

    private async Task<RecordOutcome> SendAsync(Notification notification, DynamoDbStreamRecord record, CancellationToken ct)
    {
        var id = notification.Finding.Id;
        var transition = notification.Transition;
        try
        {
            var claim = await store.TryClaimNotificationAsync(id, transition, ct);
            if (claim == NotificationClaim.AlreadySent)
            {
                metrics.Add(Metric.DuplicatesSkipped);
                log.Info("notification already sent; skipped", (LogKeys.FindingId, id), (NotifierLogKeys.Transition, transition), (LogKeys.EventId, record.EventId),
                    (NotifierLogKeys.Reason, "already sent"));
                return RecordOutcome.Done;
            }

            if (claim == NotificationClaim.ClaimedEarlier)
            {
                if (_unmarked.Contains(id, transition))
                {
                    // This process published it; only the mark failed. Publishing again would send it twice.
                    await store.MarkNotificationSentAsync(id, transition, ct);
                    _unmarked.Remove(id, transition);
                    metrics.Add(Metric.MarkedAfterEarlierPublish);
                    log.Info("notification published earlier by this process; marked sent without publishing again",
                        (LogKeys.FindingId, id), (NotifierLogKeys.Transition, transition), (LogKeys.EventId, record.EventId));
                    return RecordOutcome.Done;
                }

                metrics.Add(Metric.RepublishedAfterCrash);
            }

            var rendered = NotificationRenderer.Render(notification);
            var messageId = await sns.PublishAsync(new SnsMessage(topicArn, rendered.Message, rendered.Subject, JsonStructure: true, rendered.Attributes), ct);
            _unmarked.Add(id, transition);
            await store.MarkNotificationSentAsync(id, transition, ct);
            _unmarked.Remove(id, transition);
            metrics.Add(Metric.NotificationsSent);
            metrics.Add(Metric.NotificationsTruncated, rendered.Truncated ? 1 : 0);
            log.Info("notification sent", (LogKeys.FindingId, id), (NotifierLogKeys.Transition, transition),
                (NotifierLogKeys.SnsMessageId, messageId), (NotifierLogKeys.Truncated, rendered.Truncated));
            return RecordOutcome.Done;
        }
        catch (AwsServiceException e)
        {
            return Failed(e.IsTransient, e.Message, id, transition, record);
        }
        catch (FindingStoreException e)
        {
            return Failed(e.IsTransient, e.Message, id, transition, record);
        }
    }

    private RecordOutcome Failed(bool transient, string error, string findingId, string transition, DynamoDbStreamRecord record)
    {
        metrics.Add(transient ? Metric.TransientFailures : Metric.PermanentFailures);
        log.Error(transient ? "notification failed; the record will be retried" : "notification failed permanently; the record is reported failed until it reaches the on-failure destination",
            (LogKeys.FindingId, findingId), (NotifierLogKeys.Transition, transition), (LogKeys.EventId, record.EventId),
            (NotifierLogKeys.SequenceNumber, record.Dynamodb?.SequenceNumber), (LogKeys.Error, error));
        return transient ? RecordOutcome.Transient : RecordOutcome.Permanent;
    }

    private static Finding ToFinding(Dictionary<string, JsonElement> image) =>
        FindingItemMapper.FromItem(StreamImageConverter.ToItem(image));

    // ValueEquals compares the raw UTF-8: a sort key that is not valid UTF-8 is simply not the finding's (GetString would throw).
    private static bool IsFindingItem(Dictionary<string, JsonElement>? keys) =>
        keys is not null
        && keys.TryGetValue(SortKeyAttribute, out var sk)
        && sk.ValueKind == JsonValueKind.Object
        && sk.TryGetProperty("S", out var s)
        && s.ValueKind == JsonValueKind.String
        && s.ValueEquals(FindingSortKey);
}
