using System.Text;
using System.Text.Json;
using Denied.CloudTrail;
using Denied.Detector.Events;
using Denied.Findings;
using Denied.Intake;
using Denied.LambdaRuntime;
using Denied.LambdaRuntime.Observability;

namespace Denied.Detector;

/// <summary>
/// SQS batch in, findings out: parse each message, take it through <see cref="DenialIntake"/>, write one
/// observation per finding, and list in batchItemFailures exactly the messages that were not done (a failed or
/// deadline-cut write, a failed dead-letter send). Malformed messages and findings DynamoDB refuses go to the
/// dead-letter queue; SQS redelivers the rest, and the store's ledger makes a redelivery count nothing twice.
/// </summary>
public sealed class DetectorHandler(FindingWriter writer, DeadLetterer deadLetters, DetectorContext context, JsonLog log, EmfMetrics metrics, TimeProvider clock)
{
    /// <summary>Work stops this long before the deadline: unstarted and cut writes go back, and the response still gets out.</summary>
    public static readonly TimeSpan SafetyMargin = TimeSpan.FromSeconds(3);

    public const string NoMessageId = "(no messageId)";

    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> body, InvocationContext invocation, CancellationToken ct)
    {
        var batch = JsonSerializer.Deserialize(body.Span, DetectorEventsJsonContext.Default.SqsEvent) ?? throw new InvalidDataException("The SQS event is empty.");
        if (batch.Records is null || batch.Records.Contains(null!))
        {
            throw new InvalidDataException("The SQS event has no Records array, or a null record in it.");
        }

        // Cancelled SafetyMargin before the deadline (on the injected clock) or when the runtime cancels.
        using var deadline = new CancellationTokenSource(Clamp(invocation.RemainingTime(clock) - SafetyMargin), clock);
        using var cut = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);

        var failures = new HashSet<string>(StringComparer.Ordinal);
        var aggregator = new FindingAggregator();
        var intake = await context.IntakeAsync(ct);
        foreach (var message in batch.Records)
        {
            metrics.Add(Metric.MessagesReceived);
            var id = message.MessageId ?? NoMessageId;
            var parsed = message.Body is { } text ? CloudTrailRecordParser.Parse(Encoding.UTF8.GetBytes(text)) : RecordParseResult.Failed("message without a body");
            if (parsed.Record is not { } record)
            {
                metrics.Add(Metric.Malformed);
                await DeadLetterAsync(message, parsed.Error!, "malformed message", failures, cut.Token);
                continue;
            }

            var outcome = intake.Take(record, context.CanRefresh);
            if (outcome.Kind == IntakeKind.NeedsNewerInventory)
            {
                intake = await context.RefreshedIntakeAsync(intake, ct) ?? intake;
                outcome = intake.Take(record);
            }

            Count(outcome, id, record.EventId);
            if (outcome.Kind == IntakeKind.Observed)
            {
                aggregator.Add(outcome.Diagnosis!, id);
            }
        }

        foreach (var observation in aggregator.Observations())
        {
            var (result, reason) = cut.IsCancellationRequested ? (WriteOutcome.Retry, null) : await writer.WriteAsync(observation, cut.Token);
            var ids = observation.Events.Select(e => e.SourceId).ToHashSet(StringComparer.Ordinal);
            if (result == WriteOutcome.Retry)
            {
                failures.UnionWith(ids);
            }

            foreach (var message in result == WriteOutcome.Rejected ? batch.Records.Where(m => ids.Contains(m.MessageId ?? NoMessageId)).DistinctBy(m => m.MessageId) : [])
            {
                await DeadLetterAsync(message, reason!, "message whose finding DynamoDB refused", failures, cut.Token);
            }
        }

        if (cut.IsCancellationRequested)
        {
            log.Warn("deadline near: unwritten findings handed back to SQS", (LogKeys.Count, failures.Count));
        }

        metrics.Add(Metric.MessagesRetried, failures.Count);
        metrics.Flush();
        var response = new SqsBatchResponse { BatchItemFailures = failures.Order(StringComparer.Ordinal).Select(id => new BatchItemFailure { ItemIdentifier = id }).ToList() };
        return JsonSerializer.SerializeToUtf8Bytes(response, DetectorEventsJsonContext.Default.SqsBatchResponse);
    }

    private async Task DeadLetterAsync(SqsMessage message, string reason, string what, HashSet<string> failures, CancellationToken deadline)
    {
        if (deadline.IsCancellationRequested || await deadLetters.SendAsync(message, reason, what, deadline))
        {
            failures.Add(message.MessageId ?? NoMessageId);
        }
    }

    private static TimeSpan Clamp(TimeSpan left) => left < TimeSpan.Zero ? TimeSpan.Zero : left > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : left;

    private void Count(IntakeOutcome outcome, string messageId, string? eventId)
    {
        metrics.Add(Metric.DenialsSeen, outcome.Kind == IntakeKind.NotDenied ? 0 : 1);
        var (metric, reason) = outcome.Kind switch
        {
            IntakeKind.Observed => ((string?)null, (string?)null),
            IntakeKind.NotDenied => (Metric.IgnoredNotDenied, "not an access denial"),
            IntakeKind.Suppressed => (Metric.Suppressed, "suppressed by rule " + outcome.Rule!.Id),
            _ => (Metric.IgnoredOtherPrincipal, "denial of a principal that is not a Lambda function"),
        };
        if (metric is not null)
        {
            metrics.Add(metric);
            log.Info("ignored", (LogKeys.MessageId, messageId), (LogKeys.EventId, eventId), (LogKeys.Reason, reason));
        }
    }
}
