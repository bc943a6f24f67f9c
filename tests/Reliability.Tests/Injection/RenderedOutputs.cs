using System.Text;
using System.Text.Json.Nodes;
using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Iam;
using Denied.Notifications;
using Denied.Rendering;
using Reliability.Tests.Support;

namespace Reliability.Tests.Injection;

/// <summary>One record rendered through every output a person or a program reads, by output name.</summary>
public static class RenderedOutputs
{
    public const string Terminal = "terminal", Table = "findings table", Markdown = "markdown", Json = "json",
        EmailSubject = "email subject", EmailBody = "email text", Slack = "slack payload";

    public static Diagnosis Diagnose(JsonObject record) =>
        new Diagnoser(IamCatalog.Default, null).Diagnose(
            CloudTrailRecordParser.Parse(Encoding.UTF8.GetBytes(record.ToJsonString())).Record ?? throw new InvalidOperationException("not a record"));

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
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Terminal] = terminal.ToString(),
            [Table] = table.ToString(),
            [Markdown] = markdown.ToString(),
            [Json] = DiagnosisJson.Serialize(d, indented: true),
            [EmailSubject] = EmailRenderer.Subject(notification),
            [EmailBody] = EmailRenderer.Body(notification),
            [Slack] = ChatbotRenderer.Render(notification),
        };
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
