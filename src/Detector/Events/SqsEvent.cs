using System.Buffers;
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
        var batch = SqsEventReader.TryRead(body)
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
    /// The body as it stands in the event: its JSON string token, quotes and escapes included, usually a slice of the
    /// event's own bytes (<see cref="SqsEventReader"/>). The record parse unescapes it into a pooled buffer, so a
    /// body costs no string, no array of its own and no second parse.
    /// </summary>
    [JsonPropertyName("body")] [JsonConverter(typeof(JsonStringTokenConverter))] public ReadOnlyMemory<byte>? JsonBody { get; init; }

    /// <summary>The body as text (what a dead letter carries); made on each read.</summary>
    [JsonIgnore]
    public string? Body
    {
        get => JsonBody is { } token ? JsonStringToken.Text(token.Span) : null;
        init => JsonBody = value is null ? (ReadOnlyMemory<byte>?)null : JsonStringToken.Of(value);
    }

    [JsonPropertyName("attributes")] public Dictionary<string, string>? Attributes { get; init; }
    [JsonPropertyName("eventSourceARN")] public string? EventSourceArn { get; init; }

    [JsonIgnore] public string Id => MessageId ?? NoMessageId;

    /// <summary>The CloudTrail record the body carries (an EventBridge envelope or a bare record), or the reason it cannot be read.</summary>
    public RecordParseResult Record()
    {
        if (JsonBody is not { } token)
        {
            return RecordParseResult.Failed("message without a body");
        }

        // The parse keeps nothing of its input (strings and requestParameters are copied out), so the buffer goes back.
        var buffer = ArrayPool<byte>.Shared.Rent(token.Length);
        try
        {
            return CloudTrailRecordParser.Parse(buffer.AsSpan(0, JsonStringToken.Unescape(token.Span, buffer)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>
/// A JSON string kept as its token (quotes and escapes included); JSON null is no value, and anything else is the
/// serializer's error, as for a string. Read only when <see cref="SqsEventReader"/> leaves the event to the serializer.
/// </summary>
public sealed class JsonStringTokenConverter : JsonConverter<ReadOnlyMemory<byte>?>
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

        // Unescaped once to refuse what a string read refused (an escaped surrogate alone), as before the body was a token.
        _ = reader.GetString();

        // The token's content between its quotes stays valid JSON string content as it is.
        var content = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        var token = new byte[content.Length + 2];
        token[0] = (byte)'"';
        content.CopyTo(token.AsSpan(1));
        token[^1] = (byte)'"';
        return token;
    }

    public override void Write(Utf8JsonWriter writer, ReadOnlyMemory<byte>? value, JsonSerializerOptions options)
    {
        if (value is { } token)
        {
            writer.WriteRawValue(token.Span);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>A JSON string token (quotes included): made from text, read back as text or as unescaped UTF-8.</summary>
public static class JsonStringToken
{
    public static byte[] Of(string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(text);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string Text(ReadOnlySpan<byte> token)
    {
        var reader = Reader(token);
        return reader.GetString()!;
    }

    /// <summary>Writes the unescaped UTF-8 into <paramref name="destination"/> (at least the token's length); returns its length.</summary>
    public static int Unescape(ReadOnlySpan<byte> token, Span<byte> destination)
    {
        var reader = Reader(token);
        return reader.CopyString(destination);
    }

    private static Utf8JsonReader Reader(ReadOnlySpan<byte> token)
    {
        var reader = new Utf8JsonReader(token);
        reader.Read();
        return reader.TokenType == JsonTokenType.String ? reader : throw new InvalidDataException("The SQS message body is not a JSON string token.");
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
