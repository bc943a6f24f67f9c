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
        // The hand-written pass reads a well-formed event; anything it is unsure of, the serializer reads or refuses.
        var batch = SqsEventReader.TryRead(body.Span)
            ?? JsonSerializer.Deserialize(body.Span, DetectorEventsJsonContext.Default.SqsEvent)
            ?? throw new InvalidDataException("The SQS event is empty.");
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
    /// <summary>
    /// The body as UTF-8, unescaped once from the event's JSON string (<see cref="Utf8BodyConverter"/>): the record
    /// parse reads these bytes, with no UTF-16 string of each body and no second UTF-8 copy of it.
    /// </summary>
    [JsonPropertyName("body")] [JsonConverter(typeof(Utf8BodyConverter))] public ReadOnlyMemory<byte>? Utf8Body { get; init; }

    /// <summary>The body as text (what a dead letter carries); made on each read.</summary>
    [JsonIgnore]
    public string? Body
    {
        get => Utf8Body is { } bytes ? Encoding.UTF8.GetString(bytes.Span) : null;
        init => Utf8Body = value is null ? (ReadOnlyMemory<byte>?)null : Encoding.UTF8.GetBytes(value);
    }
    [JsonPropertyName("attributes")] public Dictionary<string, string>? Attributes { get; init; }
    [JsonPropertyName("eventSourceARN")] public string? EventSourceArn { get; init; }

    [JsonIgnore] public string Id => MessageId ?? NoMessageId;

    /// <summary>The CloudTrail record the body carries (an EventBridge envelope or a bare record), or the reason it cannot be read.</summary>
    public RecordParseResult Record() =>
        Utf8Body is { } bytes ? CloudTrailRecordParser.Parse(bytes.Span) : RecordParseResult.Failed("message without a body");
}

/// <summary>
/// A JSON string read as its unescaped UTF-8 bytes, in one array the length of the escaped text (a JSON string only
/// gets shorter unescaped); JSON null is no value, and anything else is the serializer's error, as for a string.
/// </summary>
public sealed class Utf8BodyConverter : JsonConverter<ReadOnlyMemory<byte>?>
{
    public override bool HandleNull => true;

    public override ReadOnlyMemory<byte>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"The SQS message body is a JSON {reader.TokenType}, not a string.");
        }

        return Unescaped(ref reader);
    }

    /// <summary>The current string token's unescaped UTF-8 bytes.</summary>
    public static ReadOnlyMemory<byte> Unescaped(ref Utf8JsonReader reader)
    {
        var buffer = new byte[reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length];
        return buffer.AsMemory(0, reader.CopyString(buffer));
    }

    public override void Write(Utf8JsonWriter writer, ReadOnlyMemory<byte>? value, JsonSerializerOptions options)
    {
        if (value is { } bytes)
        {
            writer.WriteStringValue(bytes.Span);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
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
