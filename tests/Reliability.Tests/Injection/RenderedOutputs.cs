using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Iam;
using Denied.Notifications;
using Denied.Rendering;
using Reliability.Tests.Support;

namespace Reliability.Tests.Injection;

/// <summary>
/// One record rendered through every output a person or a program reads, by output name: the CLI's terminal,
/// findings table, Markdown and JSON, and what the Notifier publishes, taken from
/// <see cref="NotificationRenderer.Render"/> as SNS gets it (MessageStructure=json envelope parsed, per key): the
/// Q Developer chat payload, the email Subject and text, the structured JSON and the message attributes, in the
/// full form and in the compact and brief forms the renderer falls back to over its size budget.
/// </summary>
public static partial class RenderedOutputs
{
    public const string Terminal = "terminal", Table = "findings table", Markdown = "markdown", Json = "json",
        EmailSubject = "email subject", Slack = "slack payload (default, https)", Attributes = "message attributes",
        EmailBody = "email text", EmailCompact = "email text (compact)", EmailBrief = "email text (brief)",
        Structured = "structured json (sqs, lambda, http, email-json)", StructuredCompact = "structured json (compact)",
        StructuredBrief = "structured json (brief)";

    /// <summary>The keys of the SNS envelope, each protocol's message.</summary>
    public static readonly string[] EnvelopeKeys = ["default", "https", "email", "email-json", "sqs", "lambda", "http"];

    /// <summary>What the email text says in the brief form only.</summary>
    public const string BriefEmailSign = "The fix is left out of this email";

    public static Diagnosis Diagnose(JsonObject record) =>
        new Diagnoser(IamCatalog.Default, null).Diagnose(
            CloudTrailRecordParser.Parse(RecordJson(record)).Record ?? throw new InvalidOperationException("not a record"));

    /// <summary>
    /// The record as UTF-8 JSON, an unpaired surrogate in a string written as its <c>\uXXXX</c> escape (valid JSON
    /// text, RFC 8259 section 8.2), where <see cref="JsonNode.ToJsonString"/> would quietly write U+FFFD instead.
    /// </summary>
    public static byte[] RecordJson(JsonObject record)
    {
        var copy = record.DeepClone();
        MarkUnpairedSurrogates(copy);
        var json = UnpairedMark().Replace(copy.ToJsonString(), m => "\\u" + m.Groups[1].Value);
        return Encoding.UTF8.GetBytes(json);
    }

    private static void MarkUnpairedSurrogates(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var name in o.Select(p => p.Key).ToList())
                {
                    if (o[name] is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        o[name] = Marked(s);
                    }
                    else
                    {
                        MarkUnpairedSurrogates(o[name]);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        a[i] = Marked(s);
                    }
                    else
                    {
                        MarkUnpairedSurrogates(a[i]);
                    }
                }

                break;
        }
    }

    private static string Marked(string value)
    {
        var o = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                o.Append(value[i]).Append(value[++i]);
            }
            else if (char.IsSurrogate(value[i]))
            {
                o.Append("~LONE").Append(((int)value[i]).ToString("X4", CultureInfo.InvariantCulture)).Append('~');
            }
            else
            {
                o.Append(value[i]);
            }
        }

        return o.ToString();
    }

    [GeneratedRegex("~LONE([0-9A-F]{4})~")]
    private static partial Regex UnpairedMark();

    public static Dictionary<string, string> Of(JsonObject record)
    {
        var d = Diagnose(record);
        var finding = SampleFindings.Of(d);
        var notification = new Notification("new", finding);
        var terminal = new StringWriter();
        DiagnosisTextRenderer.Render(d, terminal, "event.json");
        var markdown = new StringWriter();
        DiagnosisMarkdownRenderer.Render(d, markdown);
        var table = new StringWriter();
        FindingsTableRenderer.Render([new FindingsTableRenderer.Row(finding.Id, 3, finding.LastSeen, "open", d, finding.FunctionNames.ToList())], table);

        // The full form; then a budget one byte under it (the compact form); then one byte (the brief form). A
        // record so large that the full form is over the default budget is already sent compact.
        var full = NotificationRenderer.Render(notification);
        var compact = full.Truncated ? full : NotificationRenderer.Render(notification, Encoding.UTF8.GetByteCount(full.Message) - 1);
        var brief = NotificationRenderer.Render(notification, 1);
        var (fullEnvelope, compactEnvelope, briefEnvelope) = (Envelope(full), Envelope(compact), Envelope(brief));
        if (!compact.Truncated || !brief.Truncated
            || fullEnvelope["email"].Contains(BriefEmailSign, StringComparison.Ordinal)
            || compactEnvelope["email"].Contains(BriefEmailSign, StringComparison.Ordinal)
            || !briefEnvelope["email"].Contains(BriefEmailSign, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the size budgets did not give the full, compact and brief forms (full truncated: {full.Truncated}, "
                + $"{Encoding.UTF8.GetByteCount(full.Message)} bytes; compact truncated: {compact.Truncated}, brief email: {compactEnvelope["email"].Contains(BriefEmailSign, StringComparison.Ordinal)})");
        }

        foreach (var other in new[] { compact, brief })
        {
            if (other.Subject != full.Subject || !other.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).SequenceEqual(full.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal)))
            {
                throw new InvalidOperationException("the subject or the attributes differ between the forms");
            }
        }

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Terminal] = terminal.ToString(),
            [Table] = table.ToString(),
            [Markdown] = markdown.ToString(),
            [Json] = DiagnosisJson.Serialize(d, indented: true),
            [EmailSubject] = full.Subject,
            [Attributes] = string.Join("\n", NotificationAttributesInOrder.Select(name => full.Attributes.TryGetValue(name, out var v) ? v : "")),
            [Slack] = Same(fullEnvelope, compactEnvelope, briefEnvelope, "default", "https"),
            [EmailBody] = fullEnvelope["email"],
            [EmailCompact] = compactEnvelope["email"],
            [EmailBrief] = briefEnvelope["email"],
            [Structured] = Same(fullEnvelope, null, null, "sqs", "lambda", "http", "email-json"),
            [StructuredCompact] = Same(compactEnvelope, null, null, "sqs", "lambda", "http", "email-json"),
            [StructuredBrief] = Same(briefEnvelope, null, null, "sqs", "lambda", "http", "email-json"),
        };
    }

    /// <summary>Every attribute name <see cref="NotificationAttributes"/> documents, one line each in the attributes output.</summary>
    public static readonly string[] NotificationAttributesInOrder =
    [
        NotificationAttributes.Account, NotificationAttributes.Function, NotificationAttributes.Service, NotificationAttributes.Layer,
        NotificationAttributes.SeverityName, NotificationAttributes.Transition, NotificationAttributes.FindingId,
    ];

    /// <summary>The envelope's per-protocol messages; throws unless it is a JSON object of exactly the documented string keys.</summary>
    private static Dictionary<string, string> Envelope(RenderedNotification rendered)
    {
        var node = JsonNode.Parse(rendered.Message) as JsonObject ?? throw new InvalidOperationException("the SNS message is not a JSON object");
        var keys = node.Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        if (!keys.SequenceEqual(EnvelopeKeys.Order(StringComparer.Ordinal)))
        {
            throw new InvalidOperationException("the envelope's keys are " + string.Join(",", keys));
        }

        return node.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
    }

    /// <summary>The one message several keys (and forms) carry; throws when they differ.</summary>
    private static string Same(Dictionary<string, string> envelope, Dictionary<string, string>? second, Dictionary<string, string>? third, params string[] keys)
    {
        var value = envelope[keys[0]];
        foreach (var e in new[] { envelope, second, third }.OfType<Dictionary<string, string>>())
        {
            if (keys.Any(k => e[k] != value))
            {
                throw new InvalidOperationException($"the envelope keys {string.Join(",", keys)} carry different messages");
            }
        }

        return value;
    }

    /// <summary>Every string value in a JSON document, depth first.</summary>
    public static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
