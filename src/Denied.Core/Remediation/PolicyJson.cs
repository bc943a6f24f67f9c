using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Denied.Remediation;

/// <summary>
/// Deterministic IAM policy JSON: keys in IAM's documented order (Sid, Effect, Principal, Action, Resource,
/// Condition), a single Action/Resource as a string and several as an array, 2-space indent and "\n" line ends
/// on every platform, so golden files and diffs are stable.
/// </summary>
internal static class PolicyJson
{
    // Relaxed escaping keeps '+', '&' and non-ASCII readable; the output is JSON, never HTML, and quotes,
    // backslashes and control characters are still escaped.
    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A whole policy document: {"Version":"2012-10-17","Statement":[...]}.</summary>
    public static string Document(IEnumerable<PolicyStatement> statements, bool indented = true) =>
        Write(indented, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("Version", "2012-10-17");
            writer.WriteStartArray("Statement");
            foreach (var statement in statements)
            {
                WriteStatement(writer, statement);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    public static string Statement(PolicyStatement statement, bool indented = true) =>
        Write(indented, writer => WriteStatement(writer, statement));

    private static string Write(bool indented, Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, indented ? Indented : Compact))
        {
            body(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteStatement(Utf8JsonWriter writer, PolicyStatement statement)
    {
        writer.WriteStartObject();
        if (statement.Sid is not null)
        {
            writer.WriteString("Sid", statement.Sid);
        }

        writer.WriteString("Effect", statement.Effect);
        if (statement.Principal is { } principal)
        {
            writer.WriteStartObject("Principal");
            writer.WriteString(principal.Type, principal.Value);
            writer.WriteEndObject();
        }

        WriteOneOrMany(writer, "Action", statement.Actions);
        WriteOneOrMany(writer, "Resource", statement.Resources);
        if (statement.Conditions.Count > 0)
        {
            writer.WriteStartObject("Condition");
            foreach (var group in statement.Conditions.GroupBy(c => c.Operator))
            {
                writer.WriteStartObject(group.Key);
                foreach (var (_, key, value) in group)
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteOneOrMany(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 1)
        {
            writer.WriteString(name, values[0]);
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
