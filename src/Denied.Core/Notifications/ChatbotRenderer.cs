using System.Globalization;
using System.Text;
using Denied.Diagnostics;
using Denied.Findings;
using Denied.Rendering;

namespace Denied.Notifications;

/// <summary>
/// The Amazon Q Developer in chat applications (formerly AWS Chatbot) custom notification for Slack/Teams
/// ("Custom notifications", docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html): version "1.0", source "custom", content.textType "client-markdown", one thread per
/// finding (threadId "denied-&lt;findingId&gt;"). Every CloudTrail value goes through
/// <see cref="TextEscaping.Slack"/>, so it can never form a link, a mention or markup; the fix is shown in a
/// fenced block escaped by <see cref="SlackCode"/>. Sizes are capped (description about
/// <see cref="MaxDescription"/> characters, the policy block <see cref="MaxCode"/>) because Slack cuts long
/// messages and a section holds 3,000 characters; the full fix is in the structured payload and the CLI.
/// </summary>
public static class ChatbotRenderer
{
    public const string EventType = "DeniedFinding";
    public const int MaxDescription = 2800;
    public const int MaxCode = 1200;
    private const int MaxValue = 200;

    public static string Render(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var f = notification.Finding;
        var severity = Severity.Of(f.Key.Layer, f.Diagnosis.ExplicitDeny);
        var s = (string? v) => TextEscaping.Slack(v, MaxValue);
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("version", "1.0");
            w.WriteString("source", "custom");
            w.WriteString("id", $"denied-{f.Id}-{notification.Transition}");
            w.WriteStartObject("content");
            w.WriteString("textType", "client-markdown");
            w.WriteString("title", $"{Icon(severity)} {NotificationFacts.What(notification.Transition)} AccessDenied: "
                + $"{TextEscaping.Slack(NotificationFacts.Who(f), 64)} cannot {TextEscaping.Slack(f.Key.Action, 128)}");
            w.WriteString("description", Description(f, severity));
            w.WriteStartArray("nextSteps");
            foreach (var step in NextSteps(f))
            {
                w.WriteStringValue(step);
            }

            w.WriteEndArray();
            w.WriteStartArray("keywords");
            w.WriteStringValue("Denied");
            w.WriteStringValue(TextEscaping.Slack(f.Key.Action, 128));
            w.WriteStringValue(Codes.Of(f.Key.Layer));
            w.WriteStringValue("severity " + severity);
            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteStartObject("metadata");
            w.WriteString("threadId", "denied-" + f.Id);
            w.WriteString("summary", $"Denied: {TextEscaping.Slack(NotificationFacts.Who(f), 64)} cannot {TextEscaping.Slack(f.Key.Action, 128)} ({Codes.Of(f.Key.Layer)})");
            w.WriteString("eventType", EventType);
            w.WriteStartArray("relatedResources");
            w.WriteStringValue(s(f.Key.RoleArn));
            w.WriteStringValue(s(f.Diagnosis.Resource ?? f.Key.Resource));
            w.WriteEndArray();
            w.WriteStartObject("additionalContext");
            w.WriteString("findingId", s(f.Id));
            w.WriteString("transition", notification.Transition);
            w.WriteString("account", s(f.Key.Account));
            w.WriteString("region", s(f.Key.Region));
            w.WriteString("layer", Codes.Of(f.Key.Layer));
            w.WriteString("severity", severity);
            w.WriteString("count", f.Count.ToString(CultureInfo.InvariantCulture));
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static string Description(Finding f, string severity)
    {
        var d = f.Diagnosis;
        var o = new StringBuilder(2048);
        Field(o, "Function", NotificationFacts.FunctionName(f) is { } fn ? TextEscaping.Slack(fn, MaxValue) : "unknown (the role may be shared)");
        Field(o, "Role", TextEscaping.Slack(f.Key.RoleArn, MaxValue));
        Field(o, "Action", TextEscaping.Slack(f.Key.Action, MaxValue));
        Field(o, "Resource", TextEscaping.Slack(f.Diagnosis.Resource ?? f.Key.Resource, MaxValue));
        Field(o, "Layer", $"{Codes.Of(f.Key.Layer)}, {NotificationFacts.DenyKind(d.ExplicitDeny)} (severity {severity})");
        if (d.DenyingPolicyArn is { } policy)
        {
            Field(o, "Denying policy", TextEscaping.Slack(policy, MaxValue));
        }

        if (NotificationFacts.Evaluation(d) is { } evaluation)
        {
            Field(o, "Evaluated", TextEscaping.Slack(evaluation, MaxValue));
        }

        if (NotificationFacts.DecidingStatement(d) is { } statement)
        {
            Field(o, "Statement", TextEscaping.Slack(statement, 400));
        }

        Field(o, "Seen", $"{f.Count.ToString(CultureInfo.InvariantCulture)} times, first {FindingJson.Iso(f.FirstSeen)}, last {FindingJson.Iso(f.LastSeen)}");
        Field(o, "Account", $"{TextEscaping.Slack(f.Key.Account, 64)} ({TextEscaping.Slack(f.Key.Region, 64)})");
        if (d.ErrorCode is not null)
        {
            Field(o, "Error", TextEscaping.Slack($"{d.ErrorCode}: {d.ErrorMessage}", 400));
        }

        if (d.Fix is { } fix)
        {
            if (fix.Statements.FirstOrDefault() is { } first)
            {
                // The block goes in whole or not at all: a cut fence would turn the rest of the message into code.
                var code = SlackCode.Escape(DiagnosisTextRenderer.PolicyJsonText(first.Statement), MaxCode);
                o.Append("*Fix:* add to the ").Append(TextEscaping.Slack(first.Document, 100));
                o.Append(code is null ? " the statement in the email or `denied findings show` (it holds backticks a chat code block cannot show)\n"
                    : o.Length + code.Length + 16 <= MaxDescription ? ":\n```\n" + code + "\n```\n"
                    : " the statement in the email or `denied findings show` (too long for chat)\n");
            }
            else
            {
                // An explicit deny, an undetermined resource or action, a withheld fix: the notes say which.
                o.Append("*Fix:* no statement is suggested; see the notes.\n");
            }

            foreach (var note in fix.Notes.Take(3))
            {
                if (o.Length > MaxDescription - 400)
                {
                    break;
                }

                o.Append("_Note:_ ").Append(TextEscaping.Slack(note, 350)).Append('\n');
            }
        }

        return NotificationFacts.Cut(o.ToString(), MaxDescription + 200);
    }

    private static IEnumerable<string> NextSteps(Finding f)
    {
        var id = TextEscaping.Slack(f.Id, 64);
        var target = f.Diagnosis.Fix?.Target;
        yield return target switch
        {
            FixTarget.ExecutionRole => "Add the statement to the function's execution role (the email and `denied findings show` have the CLI command and SAM, CloudFormation, Serverless, Terraform and CDK snippets)",
            FixTarget.ResourcePolicy => "Add the statement to the resource's policy (see `denied findings show " + id + "` for the command and snippets)",
            FixTarget.Both => "Grant it on both sides: the execution role and the resource's policy (see `denied findings show " + id + "`)",
            _ => "An Allow cannot fix a deny: ask the owner of the denying policy, or stop making the call",
        };
        yield return "Full diagnosis: `denied findings show " + id + "`";
        yield return "When fixed: `denied findings resolve " + id + "`; when expected: `denied findings mute " + id + "`";
    }

    private static void Field(StringBuilder o, string label, string value) =>
        o.Append('*').Append(label).Append(":* ").Append(value).Append('\n');

    private static string Icon(string severity) => severity switch
    {
        Severity.High => ":rotating_light:",
        Severity.Medium => ":warning:",
        _ => ":no_entry:",
    };
}
