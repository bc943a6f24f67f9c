using System.Text.Json.Serialization;

namespace Denied.Detector.Events;

/// <summary>The SQS event Lambda delivers: a batch of messages whose bodies are EventBridge envelopes.</summary>
public sealed class SqsEvent
{
    [JsonPropertyName("Records")] public List<SqsMessage> Records { get; init; } = [];
}

public sealed class SqsMessage
{
    [JsonPropertyName("messageId")] public string? MessageId { get; init; }
    [JsonPropertyName("body")] public string? Body { get; init; }
    [JsonPropertyName("attributes")] public Dictionary<string, string>? Attributes { get; init; }
    [JsonPropertyName("eventSourceARN")] public string? EventSourceArn { get; init; }
}

/// <summary>The partial batch response (ReportBatchItemFailures): only the listed messages come back.</summary>
public sealed class SqsBatchResponse
{
    [JsonPropertyName("batchItemFailures")] public List<BatchItemFailure> BatchItemFailures { get; init; } = [];
}

public sealed class BatchItemFailure
{
    [JsonPropertyName("itemIdentifier")] public required string ItemIdentifier { get; init; }
}

/// <summary>The Lambda event boundary of the Detector: exactly its wire types.</summary>
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
public sealed partial class DetectorEventsJsonContext : JsonSerializerContext;
