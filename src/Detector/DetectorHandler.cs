using System.Text;
using System.Text.Json;
using Denied.AwsClients;
using Denied.CloudTrail;
using Denied.Detector.Events;
using Denied.Diagnostics;
using Denied.Findings;
using Denied.LambdaRuntime;
using Denied.LambdaRuntime.Observability;
using Denied.Store;

namespace Denied.Detector;

/// <summary>
/// SQS batch in, findings out. Each message is diagnosed on its own (a bad one never fails the batch); Lambda
/// denials are aggregated per finding and written once per finding; only the messages of findings whose write
/// failed are returned in batchItemFailures, so SQS redelivers exactly those, and the store's event ledger
/// makes the redelivery count nothing twice.
/// </summary>
public sealed class DetectorHandler(
    FindingStore store,
    DeadLetterSink? deadLetters,
    DetectorContext context,
    JsonLog log,
    EmfMetrics metrics,
    TimeProvider clock)
{
    /// <summary>Below this much time left, remaining findings are handed back to SQS instead of started.</summary>
    public static readonly TimeSpan SafetyMargin = TimeSpan.FromSeconds(3);

    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> body, InvocationContext invocation, CancellationToken ct)
    {
        var batch = JsonSerializer.Deserialize(body.Span, DetectorEventsJsonContext.Default.SqsEvent)
            ?? throw new InvalidDataException("The SQS event is empty.");
        if (batch.Records is null || batch.Records.Contains(null!))
        {
            throw new InvalidDataException("The SQS event has no Records array, or a null record in it.");
        }

        var failures = new HashSet<string>(StringComparer.Ordinal);
        var aggregator = new FindingAggregator();
        var diagnoser = await context.DiagnoserAsync(ct);
        var suppressions = await context.SuppressionsAsync(ct);

        foreach (var message in batch.Records)
        {
            metrics.Add(Metric.MessagesReceived);
            var outcome = await ClassifyAsync(message, diagnoser, suppressions, aggregator, ct);
            if (outcome is { } failedId)
            {
                failures.Add(failedId);
            }
        }

        foreach (var observation in aggregator.Observations())
        {
            if (invocation.RemainingTime(clock) < SafetyMargin)
            {
                log.Warn("deadline near: handing the rest of the batch back to SQS", (LogKeys.FindingId, observation.Key.Id));
                failures.UnionWith(observation.Events.Select(e => e.SourceId));
                continue;
            }

            await WriteAsync(observation, batch.Records, failures, ct);
        }

        metrics.Add(Metric.MessagesRetried, failures.Count);
        metrics.Flush();
        var response = new SqsBatchResponse { BatchItemFailures = failures.Order(StringComparer.Ordinal).Select(id => new BatchItemFailure { ItemIdentifier = id }).ToList() };
        return JsonSerializer.SerializeToUtf8Bytes(response, DetectorEventsJsonContext.Default.SqsBatchResponse);
    }

    /// <summary>Diagnoses one message; returns its id when it must come back (a failed dead-letter send).</summary>
    private async Task<string?> ClassifyAsync(
        SqsMessage message, Diagnoser diagnoser, IReadOnlyList<SuppressionRule> suppressions, FindingAggregator aggregator, CancellationToken ct)
    {
        var id = message.MessageId ?? "(no messageId)";
        var parsed = message.Body is { } text
            ? CloudTrailRecordParser.Parse(Encoding.UTF8.GetBytes(text))
            : RecordParseResult.Failed("message without a body");
        if (parsed.Record is not { } record)
        {
            return await DeadLetterAsync(message, id, parsed.Error!, ct);
        }

        var diagnosis = diagnoser.DiagnoseDeferringFix(record);
        if (!diagnosis.Denied)
        {
            Ignore(id, record.EventId, Metric.IgnoredNotDenied, "not an access denial");
            return null;
        }

        metrics.Add(Metric.DenialsSeen);
        if (diagnosis.Principal.Kind == PrincipalKind.AssumedRole && FindingKey.For(diagnosis) is null
            && await RefreshedDiagnoserAsync(diagnoser, ct) is { } refreshed)
        {
            diagnosis = refreshed.DiagnoseDeferringFix(record);
        }

        if (FindingKey.For(diagnosis) is not { } key)
        {
            Ignore(id, record.EventId, Metric.IgnoredOtherPrincipal, "denial of a principal that is not a Lambda function");
            return null;
        }

        if (SuppressionMatcher.FirstMatch(suppressions, key, diagnosis.Function?.Name, clock.GetUtcNow()) is { } rule)
        {
            Ignore(id, record.EventId, Metric.Suppressed, "suppressed by rule " + rule.Id);
            return null;
        }

        aggregator.Add(diagnosis, id);
        return null;
    }

    /// <summary>A diagnoser with a newer inventory, or null; a failed listing keeps the cached one rather than failing the batch.</summary>
    private async Task<Diagnoser?> RefreshedDiagnoserAsync(Diagnoser used, CancellationToken ct)
    {
        try
        {
            return await context.RefreshedDiagnoserAsync(used, ct);
        }
        catch (Exception e) when (e is AwsServiceException or HttpRequestException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.Warn("function inventory refresh failed; the cached inventory decides", (LogKeys.Error, e.Message));
            return null;
        }
    }

    private async Task WriteAsync(FindingObservation observation, List<SqsMessage> messages, HashSet<string> failures, CancellationToken ct)
    {
        try
        {
            var result = await store.RecordAsync(observation with { Latest = Diagnoser.WithFix(observation.Latest) }, ct);
            metrics.Add(result.IsNew ? Metric.FindingsNew : Metric.FindingsUpdated);
            metrics.Add(Metric.FindingsReopened, result.Reopened ? 1 : 0);
            metrics.Add(Metric.EventsCounted, result.EventsCounted);
            metrics.Add(Metric.EventsAlreadyCounted, result.EventsSkipped + result.DuplicateEvents);
            metrics.Add(Metric.StoreWrites, result.WriteRequests);
        }
        catch (FindingStoreException e) when (!e.IsTransient && deadLetters is not null
            && e.InnerException is Amazon.DynamoDBv2.AmazonDynamoDBException { ErrorCode: "ValidationException" })
        {
            // DynamoDB refused the item itself (a key over 2,048 bytes, an item over 400 KB: a record full of hostile
            // text). Every retry would be refused the same way, so its messages are dead-lettered with the reason now.
            metrics.Add(Metric.StoreFailures);
            var ids = observation.Events.Select(ev => ev.SourceId).ToHashSet(StringComparer.Ordinal);
            foreach (var message in messages.Where(m => ids.Contains(m.MessageId ?? "(no messageId)")).DistinctBy(m => m.MessageId))
            {
                var id = message.MessageId ?? "(no messageId)";
                if (await SendToDeadLetterAsync(message, id, "the finding cannot be stored: " + e.Message, "message whose finding DynamoDB refused", ct) is { } failedId)
                {
                    failures.Add(failedId);
                }
            }
        }
        catch (FindingStoreException e)
        {
            // Transient or not, the messages go back: transient ones succeed on a later try, and permanent ones
            // (a broken deployment) end in the dead-letter queue through the redrive policy instead of vanishing.
            metrics.Add(e.IsTransient ? Metric.StoreTransientFailures : Metric.StoreFailures);
            log.Error("finding write failed; its messages go back to SQS",
                (LogKeys.FindingId, observation.Key.Id), (LogKeys.Error, e.Message), (LogKeys.Count, observation.Events.Count));
            failures.UnionWith(observation.Events.Select(ev => ev.SourceId));
        }
    }

    private Task<string?> DeadLetterAsync(SqsMessage message, string id, string reason, CancellationToken ct)
    {
        metrics.Add(Metric.Malformed);
        return SendToDeadLetterAsync(message, id, reason, "malformed message", ct);
    }

    /// <summary>Sends a message that can never succeed to the dead-letter queue; returns its id when it must come back instead.</summary>
    private async Task<string?> SendToDeadLetterAsync(SqsMessage message, string id, string reason, string what, CancellationToken ct)
    {
        var receiveCount = message.Attributes?.GetValueOrDefault("ApproximateReceiveCount");
        if (deadLetters is null)
        {
            // No dead-letter URL configured: let the redrive policy move it after maxReceiveCount receives.
            log.Warn(what + "; returned to SQS for its redrive policy", (LogKeys.MessageId, id), (LogKeys.Reason, reason), (LogKeys.ReceiveCount, receiveCount));
            return id;
        }

        try
        {
            await deadLetters.SendAsync(id, message.Body ?? "", reason, ct);
            log.Warn(what + " dead-lettered", (LogKeys.MessageId, id), (LogKeys.Reason, reason));
            return null;
        }
        catch (Exception e) when (e is Amazon.Runtime.AmazonServiceException or HttpRequestException or IOException)
        {
            log.Error(what + " could not be dead-lettered; returned to SQS", (LogKeys.MessageId, id), (LogKeys.Error, e.Message));
            return id;
        }
    }

    private void Ignore(string messageId, string? eventId, string metric, string reason)
    {
        metrics.Add(metric);
        log.Info("ignored", (LogKeys.MessageId, messageId), (LogKeys.EventId, eventId), (LogKeys.Reason, reason));
    }
}
