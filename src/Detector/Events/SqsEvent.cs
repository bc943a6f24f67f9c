using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Denied.CloudTrail;

namespace Denied.Detector.Events;

/// <summary>The SQS event Lambda delivers: a batch of messages whose bodies are EventBridge envelopes.</summary>
public sealed class SqsEvent
{
    [JsonPropertyName("Records")] public List<SqsMessage> Records { get; init; } = [];

    /// <summary>The event, or <see cref="InvalidDataException"/> when it has no Records array or a null record (the invocation fails).</summary>
    public static SqsEvent Parse(ReadOnlyMemory<byte> body)
    {
        var batch = JsonSerializer.Deserialize(body.Span, DetectorEventsJsonContext.Default.SqsEvent) ?? throw new InvalidDataException("The SQS event is empty.");
        return batch.Records is null || batch.Records.Contains(null!)
            ? throw new InvalidDataException("The SQS event has no Records array, or a null record in it.")
            : batch;
    }
}

public sealed class SqsMessage
{
    /// <summary>Stands in for a missing messageId in logs and batchItemFailures.</summary>
    public const string NoMessageId = "(no messageId)";

    [JsonPropertyName("messageId")] public string? MessageId { get; init; }
    [JsonPropertyName("body")] public string? Body { get; init; }
    [JsonPropertyName("attributes")] public Dictionary<string, string>? Attributes { get; init; }
    [JsonPropertyName("eventSourceARN")] public string? EventSourceArn { get; init; }

    [JsonIgnore] public string Id => MessageId ?? NoMessageId;

    /// <summary>The CloudTrail record the body carries (an EventBridge envelope or a bare record), or the reason it cannot be read.</summary>
    public RecordParseResult Record() =>
        Body is { } text ? CloudTrailRecordParser.Parse(Encoding.UTF8.GetBytes(text)) : RecordParseResult.Failed("message without a body");
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
