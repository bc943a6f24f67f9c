using System.Text.Json;

namespace Denied.Detector.Events;

/// <summary>
/// A hand-written single pass over the SQS event for the Detector's per-batch path: the same <see cref="SqsEvent"/>
/// the source-generated serializer builds (<see cref="DetectorEventsJsonContext"/>), without its converter for types of
/// init-only properties, which collects every member of every message into an argument buffer first. It only reads
/// input it is sure about: a member of a type the serializer would refuse, a repeated member, an escaped member name, a
/// null message or any reader error gives null, and <see cref="SqsEvent.Parse"/> then runs the serializer, whose
/// event or error is the answer.
/// </summary>
public static class SqsEventReader
{
    /// <summary>The event the serializer would read from <paramref name="json"/>, or null to have the serializer read it.</summary>
    public static SqsEvent? TryRead(ReadOnlyMemory<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            List<SqsMessage>? records = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueIsEscaped)
                {
                    return null;
                }

                var isRecords = reader.ValueSpan.SequenceEqual("Records"u8);
                reader.Read();
                if (!isRecords)
                {
                    reader.Skip();
                    continue;
                }

                if (records is not null || reader.TokenType != JsonTokenType.StartArray)
                {
                    return null;
                }

                records = [];
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject || TryReadMessage(ref reader, json) is not { } message)
                    {
                        return null;
                    }

                    records.Add(message);
                }
            }

            return records is not null && !reader.Read() ? new SqsEvent { Records = records } : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string escape that is no UTF-16 text ("\ud800" alone); the serializer refuses it.
            return null;
        }
    }

    private static SqsMessage? TryReadMessage(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json)
    {
        string? messageId = null, eventSourceArn = null;
        ReadOnlyMemory<byte>? body = null;
        Dictionary<string, string>? attributes = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return null;
            }

            var name = reader.ValueSpan;
            var field = name.SequenceEqual("messageId"u8) ? 1
                : name.SequenceEqual("body"u8) ? 2
                : name.SequenceEqual("attributes"u8) ? 4
                : name.SequenceEqual("eventSourceARN"u8) ? 8
                : 0;
            if ((seen & field) != 0)
            {
                return null;
            }

            seen |= field;
            reader.Read();
            var ok = field switch
            {
                1 => TryReadString(ref reader, out messageId),
                2 => TryReadBody(ref reader, json, out body),
                4 => TryReadAttributes(ref reader, out attributes),
                8 => TryReadString(ref reader, out eventSourceArn),
                _ => reader.TrySkip(),
            };
            if (!ok)
            {
                return null;
            }
        }

        return new SqsMessage { MessageId = messageId, JsonBody = body, Attributes = attributes, EventSourceArn = eventSourceArn };
    }

    private static bool TryReadString(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
    }

    // The body's string token as a slice of the event (quotes included): no copy; the record parse unescapes it.
    // A body with an escaped surrogate ("\ud83d\ude00", or one alone, which the serializer refuses for the whole event) goes
    // to the serializer: only it decides whether the body unescapes, as it did before the body was kept as its token.
    private static bool TryReadBody(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, out ReadOnlyMemory<byte>? body)
    {
        if (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped && EscapesASurrogate(reader.ValueSpan))
        {
            body = null;
            return false;
        }

        body = reader.TokenType == JsonTokenType.String
            ? json.Slice((int)reader.TokenStartIndex, reader.ValueSpan.Length + 2)
            : (ReadOnlyMemory<byte>?)null;
        return reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
    }

    private static bool EscapesASurrogate(ReadOnlySpan<byte> escaped)
    {
        var rest = escaped;
        while (rest.IndexOf("\\u"u8) is var at and >= 0)
        {
            rest = rest[(at + 2)..];
            if (rest.Length >= 2 && rest[0] is (byte)'d' or (byte)'D' && rest[1] is (>= (byte)'8' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F'))
            {
                return true;
            }
        }

        return false;
    }

    // A map of string (or null) values, as the serializer reads Dictionary<string, string>; a repeated name goes to it.
    private static bool TryReadAttributes(ref Utf8JsonReader reader, out Dictionary<string, string>? attributes)
    {
        attributes = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var map = new Dictionary<string, string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null) || !map.TryAdd(name, reader.GetString()!))
            {
                return false;
            }
        }

        attributes = map;
        return true;
    }
}
