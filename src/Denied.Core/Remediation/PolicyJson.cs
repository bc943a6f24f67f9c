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

    // One writer of IAM's statement shape for the whole product: the diagnosis JSON uses the same one.
    private static void WriteStatement(Utf8JsonWriter writer, PolicyStatement statement) =>
        Rendering.PolicyStatementJson.Write(writer, statement);
}
