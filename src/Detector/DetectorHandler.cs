using System.Text.Json;
using Denied.Detector.Events;
using Denied.Detector.LivePolicies;
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
public sealed class DetectorHandler(FindingWriter writer, DeadLetterer deadLetters, DetectorContext context, IntakeReport report, JsonLog log, EmfMetrics metrics, TimeProvider clock, LivePolicyDiagnosis? livePolicies = null)
{
    /// <summary>Work stops this long before the deadline: unstarted and cut writes go back, and the response still gets out.</summary>
    public static readonly TimeSpan SafetyMargin = TimeSpan.FromSeconds(3);

    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> body, InvocationContext invocation, CancellationToken ct)
    {
        var batch = SqsEvent.Parse(body);

        // Cancelled SafetyMargin before the deadline (on the injected clock), or when the runtime cancels.
        using var deadline = new CancellationTokenSource(Clamp(invocation.RemainingTime(clock) - SafetyMargin), clock);
        using var cut = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        var failures = new HashSet<string>(StringComparer.Ordinal);
        var aggregator = new FindingAggregator();
        var intake = await context.IntakeAsync(ct);
        using var policies = livePolicies?.StartBatch(invocation.RemainingTime(clock) - SafetyMargin);
        foreach (var message in batch.Records)
        {
            metrics.Add(Metric.MessagesReceived);
            var parsed = message.Record();
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

            report.Add(outcome, message.Id, record.EventId);
            if (outcome.Kind == IntakeKind.Observed)
            {
                aggregator.Add(outcome.Diagnosis!, message.Id);
                policies?.Remember(outcome.Diagnosis!, record);
            }
        }

        foreach (var observation in aggregator.Observations())
        {
            var (result, reason) = cut.IsCancellationRequested ? (WriteOutcome.Retry, null)
                : await writer.WriteAsync(policies is null ? observation : await policies.EvaluateAsync(observation, cut.Token), cut.Token);
            var ids = observation.Events.Select(e => e.SourceId).ToHashSet(StringComparer.Ordinal);
            failures.UnionWith(result == WriteOutcome.Retry ? ids : []);
            foreach (var message in result == WriteOutcome.Rejected ? batch.Records.Where(m => ids.Contains(m.Id)).DistinctBy(m => m.Id) : [])
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

    // A timer cannot run past about 49 days, and a Lambda deadline is at most 15 minutes away.
    private static TimeSpan Clamp(TimeSpan left) => left < TimeSpan.Zero ? TimeSpan.Zero : left > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : left;

    private async Task DeadLetterAsync(SqsMessage message, string reason, string what, HashSet<string> failures, CancellationToken deadline)
    {
        if (deadline.IsCancellationRequested || await deadLetters.SendAsync(message, reason, what, deadline))
        {
            failures.Add(message.Id);
        }
    }
}
