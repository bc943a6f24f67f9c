using System.Text.Json;
using Denied.LambdaRuntime;
using Denied.LambdaRuntime.Observability;
using Denied.Notifier.Events;

namespace Denied.Notifier;

/// <summary>
/// DynamoDB stream batch in, SNS notifications out. Records are handled in stream order; at the first record
/// that fails (transient, permanent, or the deadline near) the handler stops and reports that record's
/// SequenceNumber as the only batch item failure: Lambda retries a stream batch from the lowest reported
/// sequence number, so that record and all after it come back, and the ones before it are not repeated.
/// A record that can never be sent keeps failing until the event source mapping's MaximumRetryAttempts
/// (template.yaml, with BisectBatchOnFunctionError) gives up and sends its metadata to the DestinationConfig
/// on-failure queue: it never loops forever and never vanishes unlogged.
/// </summary>
public sealed class NotifierHandler(StreamRecordProcessor processor, JsonLog log, EmfMetrics metrics, TimeProvider clock)
{
    /// <summary>Below this much time left, the rest of the batch is handed back instead of started.</summary>
    public static readonly TimeSpan SafetyMargin = TimeSpan.FromSeconds(5);

    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> body, InvocationContext invocation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var batch = JsonSerializer.Deserialize(body.Span, NotifierEventsJsonContext.Default.DynamoDbStreamEvent)
            ?? throw new InvalidDataException("The DynamoDB stream event is empty.");
        if (batch.Records is null || batch.Records.Contains(null!))
        {
            throw new InvalidDataException("The DynamoDB stream event has no Records array, or a null record in it.");
        }

        var response = new StreamBatchResponse();
        for (var i = 0; i < batch.Records.Count; i++)
        {
            var record = batch.Records[i];
            metrics.Add(Metric.RecordsReceived);
            var nearDeadline = invocation.RemainingTime(clock) < SafetyMargin;
            if (nearDeadline)
            {
                log.Warn("deadline near: handing the rest of the batch back", (LogKeys.EventId, record.EventId));
            }

            if (nearDeadline || await processor.ProcessAsync(record, ct) != RecordOutcome.Done)
            {
                // Without a sequence number Lambda could not retry from here; failing the invocation retries the whole batch.
                var sequence = record.Dynamodb?.SequenceNumber
                    ?? throw new InvalidDataException($"Stream record {i} failed and has no dynamodb.SequenceNumber to report.");
                response.BatchItemFailures.Add(new StreamBatchItemFailure { ItemIdentifier = sequence });
                metrics.Add(Metric.RecordsRetried, batch.Records.Count - i);
                break;
            }
        }

        metrics.Flush();
        return JsonSerializer.SerializeToUtf8Bytes(response, NotifierEventsJsonContext.Default.StreamBatchResponse);
    }
}
