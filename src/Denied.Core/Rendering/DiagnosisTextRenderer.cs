using Denied.Diagnostics;
using Denied.Remediation;

namespace Denied.Rendering;

/// <summary>
/// The human terminal form of one diagnosis. Every value from the record goes through
/// <see cref="TextEscaping.PlainLine"/>, so no ANSI sequence, carriage return or line break from CloudTrail
/// reaches the terminal. Policy JSON and snippets are ours (values inside them are escaped by their builders)
/// and are printed as blocks with control characters escaped.
/// </summary>
public static class DiagnosisTextRenderer
{
    public static void Render(Diagnosis d, TextWriter o, string? location = null)
    {
        var e = TextEscaping.PlainLine;
        o.WriteLine(d.Denied ? $"ACCESS DENIED  {e(d.EventSource)} {e(d.EventName)}" : $"not a denial  {e(d.EventSource)} {e(d.EventName)}");
        Line(o, "source", location);
        Line(o, "event", $"{e(d.EventId)} at {e(d.EventTime)} in {e(d.Account)}/{e(d.Region)}");
        Line(o, "error", d.ErrorCode is null ? null : $"{e(d.ErrorCode)}: {e(d.ErrorMessage, 400)}");
        Line(o, "caller", $"{Codes.Of(d.Principal.Kind)} {e(d.Principal.Arn)}");
        Line(o, "role", e(d.Principal.RoleArn));
        Line(o, "function", d.Function is { } f
            ? $"{e(f.Name ?? "(unknown: the role is shared)")} (role {(f.RoleArn is null ? "unknown: the fix says how to find it" : e(f.RoleArn))})"
            : null);
        Line(o, "evidence", e(d.Principal.AttributionEvidence));
        if (d.Denied)
        {
            Line(o, "action", e(d.Action) is { Length: > 0 } a ? a : "(unknown)");
            Line(o, "resource", e(d.Resource) is { Length: > 0 } r ? r : "(unknown)");
            Line(o, "layer", d.Layer is { } l ? Codes.Of(l) + ExplicitText(d.ExplicitDeny) : null);
            Line(o, "policy", e(d.DenyingPolicyArn));
            Line(o, "authorization", e(d.AuthorizationId));
            if (d.Evaluation is { } evaluation)
            {
                Line(o, "evaluated", EvaluationText.Summary(evaluation));
                foreach (var statement in evaluation.Result.Statements)
                {
                    Line(o, statement.Decisive ? "decided" : "near miss", e(EvaluationText.Statement(statement), 1000));
                }
            }
        }

        foreach (var note in d.Notes)
        {
            Line(o, "note", e(note));
        }

        if (d.Fix is { } fix)
        {
            RenderFix(fix, o);
        }

        o.WriteLine();
    }

    private static void RenderFix(Fix fix, TextWriter o)
    {
        o.WriteLine();
        o.WriteLine($"FIX  target: {Codes.Of(fix.Target)}");
        foreach (var s in fix.Statements)
        {
            o.WriteLine($"  add to {TextEscaping.PlainLine(s.Document)}:");
            Block(o, PolicyJsonText(s.Statement), "    ");
        }

        foreach (var c in fix.Commands)
        {
            o.WriteLine("  run:");
            Block(o, c, "    ");
        }

        foreach (var (tool, snippet) in fix.Snippets.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            o.WriteLine($"  {tool}:");
            Block(o, snippet, "    ");
        }

        foreach (var note in fix.Notes)
        {
            o.WriteLine($"  note: {TextEscaping.PlainLine(note)}");
        }
    }

    public static string PolicyJsonText(PolicyStatement statement) => PolicyJson.Statement(statement);

    private static void Block(TextWriter o, string text, string indent)
    {
        foreach (var line in text.Split('\n'))
        {
            o.Write(indent);
            o.WriteLine(TextEscaping.PlainLine(line.TrimEnd('\r'), 10_000));
        }
    }

    private static void Line(TextWriter o, string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            o.WriteLine($"  {label,-9} {value}");
        }
    }

    private static string ExplicitText(bool? explicitDeny) => explicitDeny switch
    {
        true => " (explicit deny)",
        false => " (no policy allows it)",
        null => "",
    };
}
