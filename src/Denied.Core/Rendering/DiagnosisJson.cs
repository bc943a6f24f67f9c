using System.Buffers;
using System.Text;
using System.Text.Json;
using Denied.Diagnostics;
using Denied.Remediation;

namespace Denied.Rendering;

/// <summary>
/// The JSON form of a <see cref="Diagnosis"/>: a public contract (fields may be added, never renamed; tests/Cli.Tests/DiagnosisContractTests pins them).
/// The only place its field names are spelled. Field names and codes are never renamed; new fields may
/// be added. Strings are escaped by the default encoder (HTML-sensitive and non-ASCII characters become
/// \uXXXX), so an attacker-controlled value cannot close a script tag or smuggle control characters.
/// </summary>
public static class DiagnosisJson
{
    private static readonly JsonWriterOptions Compact = new() { Indented = false };
    private static readonly JsonWriterOptions Pretty = new() { Indented = true };

    // One output buffer per thread, kept between calls: the Detector serialises a diagnosis per finding write, and a
    // fresh MemoryStream, the writer's own buffer and the ToArray copy cost several times the JSON's size each time.
    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;

    public static string Serialize(Diagnosis diagnosis, bool indented = false)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, indented ? Pretty : Compact))
        {
            Write(writer, diagnosis);
        }

        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);

        // A rare huge diagnosis (a long hostile errorMessage) does not keep its buffer alive on the thread.
        if (buffer.Capacity > 256 * 1024)
        {
            _buffer = null;
        }

        return json;
    }

    public static void Write(Utf8JsonWriter w, Diagnosis d)
    {
        w.WriteStartObject();
        WriteBody(w, d);
        w.WriteEndObject();
    }

    /// <summary>Writes the diagnosis fields into an object the caller has opened (findings add counts beside them).</summary>
    public static void WriteBody(Utf8JsonWriter w, Diagnosis d)
    {
        w.WriteString("eventId", d.EventId);
        w.WriteString("eventTime", d.EventTime);
        w.WriteString("account", d.Account);
        w.WriteString("region", d.Region);
        w.WriteString("eventSource", d.EventSource);
        w.WriteString("eventName", d.EventName);
        w.WriteBoolean("denied", d.Denied);
        w.WriteString("errorCode", d.ErrorCode);
        w.WriteString("errorMessage", d.ErrorMessage);
        w.WriteString("userAgent", d.UserAgent);

        w.WriteStartObject("principal");
        w.WriteString("kind", Codes.Of(d.Principal.Kind));
        w.WriteString("arn", d.Principal.Arn);
        w.WriteString("roleArn", d.Principal.RoleArn);
        w.WriteString("functionName", d.Principal.FunctionName);
        w.WriteString("sessionName", d.Principal.SessionName);
        w.WriteString("attributionEvidence", d.Principal.AttributionEvidence);
        w.WriteEndObject();

        if (d.Function is { } fn)
        {
            w.WriteStartObject("function");
            w.WriteString("name", fn.Name);
            w.WriteString("roleArn", fn.RoleArn);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("function");
        }

        w.WriteString("action", d.Action);
        w.WriteString("resource", d.Resource);
        w.WriteString("layer", d.Layer is { } layer ? Codes.Of(layer) : null);
        WriteNullableBool(w, "explicitDeny", d.ExplicitDeny);
        w.WriteString("denyingPolicyArn", d.DenyingPolicyArn);
        w.WriteString("authorizationId", d.AuthorizationId);
        if (d.Evaluation is { } evaluation)
        {
            // Present only when policies were evaluated: without them the record is unchanged.
            w.WritePropertyName("evaluation");
            EvaluationJson.Write(w, evaluation);
        }

        if (d.Fix is { } fix)
        {
            w.WritePropertyName("fix");
            WriteFix(w, fix);
        }
        else
        {
            w.WriteNull("fix");
        }

        w.WriteStartObject("evidence");
        foreach (var (field, rule) in d.Evidence.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteString(field, rule);
        }

        w.WriteEndObject();
        WriteStrings(w, "notes", d.Notes);
    }

    private static void WriteFix(Utf8JsonWriter w, Fix fix)
    {
        w.WriteStartObject();
        w.WriteString("target", Codes.Of(fix.Target));
        w.WriteStartArray("statements");
        foreach (var s in fix.Statements)
        {
            w.WriteStartObject();
            w.WriteString("document", s.Document);
            w.WritePropertyName("statement");
            PolicyStatementJson.Write(w, s.Statement);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteStrings(w, "commands", fix.Commands);
        w.WriteStartObject("snippets");
        foreach (var (tool, text) in fix.Snippets.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteString(tool, text);
        }

        w.WriteEndObject();
        WriteStrings(w, "notes", fix.Notes);
        w.WriteEndObject();
    }

    internal static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteNullableBool(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } b)
        {
            w.WriteBoolean(name, b);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
