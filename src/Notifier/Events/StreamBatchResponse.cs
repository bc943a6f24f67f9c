using System.Text.Json.Serialization;

namespace Denied.Notifier.Events;

/// <summary>
/// The partial batch response (FunctionResponseTypes: ReportBatchItemFailures). For a stream, Lambda retries
/// from the lowest reported sequence number on, so the handler reports at most one: the first failed record.
/// </summary>
public sealed class StreamBatchResponse
{
    [JsonPropertyName("batchItemFailures")] public List<StreamBatchItemFailure> BatchItemFailures { get; init; } = [];
}
