using System.Text.Json;
using System.Text.Unicode;

namespace Denied.CloudTrail;

/// <summary>
/// Turns one JSON object into a CloudTrail record: a bare record (as in a log file's "Records"), or an
/// EventBridge "AWS API Call via CloudTrail" envelope whose <c>detail</c> is the record. Anything else is
/// rejected with a reason that names what was missing, never with the value itself (it may be hostile).
/// </summary>
public static class CloudTrailRecordParser
{
    /// <summary>
    /// True when the raw object may describe a denial: every denial carries errorCode or errorMessage. A cheap
    /// vectorised byte search lets a scan skip the full parse of the successful calls that make up most logs.
    /// </summary>
    public static bool MayBeDenial(ReadOnlySpan<byte> json)
    {
        // One pass for the common prefix instead of one search per name: a successful record is read once.
        var rest = json;
        while (rest.IndexOf("\"error"u8) is var at and >= 0)
        {
            rest = rest[(at + 6)..];
            if (rest.StartsWith("Code\""u8) || rest.StartsWith("Message\""u8))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the text has an "eventName" or "eventSource" key (a CloudTrail record, or an envelope whose detail is
    /// one): the cheap test that lets a scan skip a successful record unparsed without counting foreign JSON as records.
    /// </summary>
    public static bool NamesAnEvent(ReadOnlySpan<byte> json) =>
        json.IndexOf("\"eventName\""u8) >= 0 || json.IndexOf("\"eventSource\""u8) >= 0;

    public static RecordParseResult Parse(ReadOnlySpan<byte> json)
    {
        // A file or stdin saved by an editor may start with a UTF-8 byte order mark, which is not JSON.
        if (json.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        // CloudTrail writes UTF-8. The serializer checks the strings it converts, but a record's requestParameters stay
        // raw JSON that the engine reads later, where a broken sequence would throw: refuse the record here, by name.
        if (!Utf8.IsValid(json))
        {
            return RecordParseResult.Failed("not a CloudTrail record: the text is not valid UTF-8");
        }

        // An EventBridge envelope (every Detector message) is read once, through its detail, instead of first being
        // deserialised as a record that turns out to have no eventName.
        if (json.IndexOf("\"detail-type\""u8) >= 0 && TryParseEnvelope(json) is { } envelope)
        {
            return envelope;
        }

        CloudTrailRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(json, CloudTrailJsonContext.Default.CloudTrailRecord);
        }
        catch (JsonException e)
        {
            return RecordParseResult.Failed($"not a CloudTrail record: {Describe(e)}");
        }

        if (record is null)
        {
            return RecordParseResult.Failed("not a CloudTrail record: null");
        }

        if (record.EventName is not null || record.EventSource is not null)
        {
            return RecordParseResult.Ok(record);
        }

        return ParseEnvelope(json) ?? RecordParseResult.Failed(
            "record of unknown shape: neither a CloudTrail record (eventName, eventSource) nor an EventBridge envelope (detail)");
    }

    /// <summary>As <see cref="ParseEnvelope"/>, but null for text that is not JSON: the record parse then names the error.</summary>
    private static RecordParseResult? TryParseEnvelope(ReadOnlySpan<byte> json)
    {
        try
        {
            return ParseEnvelope(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The record inside an EventBridge envelope, why the envelope holds none, or null when there is no "detail" member.</summary>
    private static RecordParseResult? ParseEnvelope(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isDetail = reader.ValueTextEquals("detail"u8);
            reader.Read();
            if (!isDetail)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return RecordParseResult.Failed("EventBridge envelope whose detail is not an object");
            }

            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var detail = json[start..(int)reader.BytesConsumed];
            try
            {
                // The hand-written pass reads a well-formed detail; anything it is unsure of, the serializer reads and names.
                var record = CloudTrailRecordReader.TryRead(detail) ?? JsonSerializer.Deserialize(detail, CloudTrailJsonContext.Default.CloudTrailRecord);
                return record is { EventName: not null } or { EventSource: not null }
                    ? RecordParseResult.Ok(record)
                    : RecordParseResult.Failed("EventBridge envelope whose detail is not a CloudTrail record (no eventName or eventSource)");
            }
            catch (JsonException e)
            {
                return RecordParseResult.Failed($"EventBridge detail is not a CloudTrail record: {Describe(e)}");
            }
        }

        return null;
    }

    // The exception message of System.Text.Json names the path and position, never the offending value.
    private static string Describe(JsonException e) => e.Path is { } path
        ? $"wrong type at {path} (line {e.LineNumber}, byte {e.BytePositionInLine})"
        : e.Message;
}

/// <summary>A parsed record, or why the object is not one.</summary>
public readonly record struct RecordParseResult(CloudTrailRecord? Record, string? Error)
{
    public static RecordParseResult Ok(CloudTrailRecord record) => new(record, null);
    public static RecordParseResult Failed(string error) => new(null, error);
}
