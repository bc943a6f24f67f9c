using System.Globalization;
using System.Text;
using Denied.Diagnostics;
using Denied.Rendering;

namespace Denied.Notifications;

/// <summary>
/// The email form of a notification: a Subject line and a plain-text body. Every value from CloudTrail goes
/// through <see cref="TextEscaping.PlainLine"/> (no line break, control character or ANSI sequence survives),
/// and the Subject through <see cref="TextEscaping.EmailSubject"/> (printable ASCII, one line, at most 100
/// characters: no header injection). Policy statements and commands are ours, printed as indented blocks whose
/// lines are escaped the same way. The body is bounded (each value, each block and the lists are capped), so
/// it stays a few tens of kilobytes at most whatever the record holds.
/// </summary>
public static class EmailRenderer
{
    /// <summary>SNS limit for Subject.</summary>
    public const int MaxSubjectLength = 100;

    private const int MaxValue = 1000;
    private const int MaxBriefValue = 256;
    private const int MaxBlock = 3000;
    private const int MaxItems = 3;

    /// <summary>e.g. "Denied: orders-api cannot s3:GetObject (identity-policy)"; "Denied (reopened): ...", "Denied (1000+ times): ...".</summary>
    public static string Subject(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var f = notification.Finding;
        var prefix = NotificationTransition.KindOf(notification.Transition) switch
        {
            NotificationTransition.ReopenedKind => "Denied (reopened): ",
            NotificationTransition.ThresholdKind => $"Denied ({NotificationTransition.NumberOf(notification.Transition)}+ times): ",
            _ => "Denied: ",
        };

        // The function name is cut first so the action and layer stay visible within SNS's 100 characters.
        var text = $"{prefix}{NotificationFacts.Cut(NotificationFacts.Who(f), 40)} cannot {NotificationFacts.Cut(f.Key.Action, 60)} ({Codes.Of(f.Key.Layer)})";
        return TextEscaping.EmailSubject(text, MaxSubjectLength);
    }

    /// <summary>
    /// The plain-text body. <paramref name="brief"/> leaves out the fix blocks and notes and caps each value at
    /// 256 characters: the form the renderer falls back to when a hostile record would push the SNS message
    /// past its size budget.
    /// </summary>
    public static string Body(Notification notification, bool brief = false)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var max = brief ? MaxBriefValue : MaxValue;
        var f = notification.Finding;
        var d = f.Diagnosis;
        var o = new StringBuilder(4096);
        o.Append(Intro(notification)).Append("\n\n");
        Line("Function", NotificationFacts.FunctionName(f) ?? "(unknown: the role may be shared by several functions)");
        Line("Role", f.Key.RoleArn);
        Line("Action", f.Key.Action);
        Line("Resource", f.Diagnosis.Resource ?? f.Key.Resource);
        o.Append("  Layer:     ").Append(Codes.Of(f.Key.Layer)).Append(", ").Append(NotificationFacts.DenyKind(d.ExplicitDeny)).Append('\n');
        o.Append("  Severity:  ").Append(Severity.Of(f.Key.Layer, d.ExplicitDeny)).Append('\n');
        Line("Policy", d.DenyingPolicyArn);
        Line("Evaluated", NotificationFacts.Evaluation(d));
        Line("Statement", NotificationFacts.DecidingStatement(d));
        o.Append("  Count:     ").Append(f.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        o.Append("  First:     ").Append(FindingJson.Iso(f.FirstSeen)).Append('\n');
        o.Append("  Last:      ").Append(FindingJson.Iso(f.LastSeen)).Append('\n');
        Line("Account", $"{f.Key.Account} ({f.Key.Region})");
        Line("Error", d.ErrorCode is null ? null : $"{d.ErrorCode}: {d.ErrorMessage}");
        Line("Events", string.Join(", ", f.SampleEventIds.Take(MaxItems)));
        Line("Finding", f.Id);
        if (brief)
        {
            o.Append("\nThe fix is left out of this email (the record is unusually large): run denied findings show ")
                .Append(TextEscaping.PlainLine(f.Id, 100)).Append('\n');
        }
        else
        {
            RenderFix(o, d);
        }

        o.Append("\nSnippets for SAM, CloudFormation, Serverless, Terraform and CDK: denied findings show ")
            .Append(TextEscaping.PlainLine(f.Id, 100)).Append('\n');
        o.Append("When it is fixed: denied findings resolve ").Append(TextEscaping.PlainLine(f.Id, 100))
            .Append(". If it is expected: denied findings mute ").Append(TextEscaping.PlainLine(f.Id, 100)).Append(" --reason \"...\"\n");
        return o.ToString();

        void Line(string label, string? value) => Field(o, label, value, max);
    }

    private static string Intro(Notification n) => NotificationTransition.KindOf(n.Transition) switch
    {
        NotificationTransition.ReopenedKind => "A resolved AccessDenied finding is back: the function was denied again.",
        NotificationTransition.ThresholdKind => $"An open AccessDenied finding has now been seen {NotificationTransition.NumberOf(n.Transition)} times or more.",
        _ => "Denied found a new AccessDenied problem of a Lambda function.",
    };

    private static void RenderFix(StringBuilder o, Diagnosis d)
    {
        if (d.Fix is not { } fix)
        {
            return;
        }

        o.Append("\nHow to fix it (target: ").Append(Codes.Of(fix.Target)).Append(")\n");
        foreach (var s in fix.Statements.Take(MaxItems))
        {
            o.Append("\n  Add to the ").Append(TextEscaping.PlainLine(s.Document, 100)).Append(":\n");
            Block(o, DiagnosisTextRenderer.PolicyJsonText(s.Statement));
        }

        foreach (var c in fix.Commands.Take(MaxItems))
        {
            o.Append("\n  Run:\n");
            Block(o, c);
        }

        foreach (var note in fix.Notes.Concat(d.Notes).Take(MaxItems * 2))
        {
            o.Append("\n  Note: ").Append(TextEscaping.PlainLine(note, MaxValue)).Append('\n');
        }
    }

    private static void Block(StringBuilder o, string text)
    {
        var cut = NotificationFacts.Cut(text, MaxBlock);
        foreach (var line in cut.Split('\n'))
        {
            o.Append("    ").Append(TextEscaping.PlainLine(line.TrimEnd('\r'), MaxBlock)).Append('\n');
        }
    }

    private static void Field(StringBuilder o, string label, string? value, int max)
    {
        if (!string.IsNullOrEmpty(value))
        {
            o.Append("  ").Append((label + ":").PadRight(11)).Append(TextEscaping.PlainLine(value, max)).Append('\n');
        }
    }
}
