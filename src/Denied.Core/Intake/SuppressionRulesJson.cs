using System.Globalization;
using System.Text.Json;
using Denied.Findings;

namespace Denied.Intake;

/// <summary>
/// Suppression rules as JSON: the document `denied suppressions list --output json` prints and
/// `denied scan --suppressions FILE` reads, so rules can be taken from a deployed table to an offline scan.
/// <code>{"suppressions":[{"id":"canary","reason":"...","function":"canary-*","role":null,"action":"s3:Get*","resource":null,"expiresAt":"2026-12-31T00:00:00Z"}]}</code>
/// A null or absent pattern matches anything; at least one pattern is required, as `suppressions add` requires.
/// </summary>
public static class SuppressionRulesJson
{
    public static void Write(Utf8JsonWriter w, IEnumerable<SuppressionRule> rules)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(rules);
        w.WriteStartObject();
        w.WriteStartArray("suppressions");
        foreach (var r in rules)
        {
            w.WriteStartObject();
            w.WriteString("id", r.Id);
            w.WriteString("reason", r.Reason);
            w.WriteString("function", r.FunctionPattern);
            w.WriteString("role", r.RolePattern);
            w.WriteString("action", r.ActionPattern);
            w.WriteString("resource", r.ResourcePattern);
            w.WriteString("expiresAt", r.ExpiresAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Reads the document; a <see cref="FormatException"/> names the first thing wrong (by rule index), never echoing content.</summary>
    public static IReadOnlyList<SuppressionRule> Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not JSON (line {e.LineNumber + 1})", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("suppressions", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("expected {\"suppressions\": [...]} as `denied suppressions list --output json` prints it");
            }

            var rules = new List<SuppressionRule>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                rules.Add(Rule(item, index++));
            }

            return rules;
        }
    }

    private static SuppressionRule Rule(JsonElement item, int index)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"suppression {index}: not an object");
        }

        var id = Text(item, "id", index) is { Length: > 0 } i ? i : throw new FormatException($"suppression {index}: no id");
        var rule = new SuppressionRule(id, Text(item, "reason", index) ?? "")
        {
            FunctionPattern = Text(item, "function", index),
            RolePattern = Text(item, "role", index),
            ActionPattern = Text(item, "action", index),
            ResourcePattern = Text(item, "resource", index),
            ExpiresAt = Text(item, "expiresAt", index) is { } t ? Time(t, index) : null,
        };
        return rule is { FunctionPattern: null, RolePattern: null, ActionPattern: null, ResourcePattern: null }
            ? throw new FormatException($"suppression {index}: needs at least one of function, role, action, resource")
            : rule;
    }

    private static string? Text(JsonElement item, string name, int index) =>
        !item.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : throw new FormatException($"suppression {index}: {name} is not a string");

    private static DateTimeOffset Time(string text, int index) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : throw new FormatException($"suppression {index}: expiresAt is not an ISO-8601 time");
}
