using Denied.Diagnostics;

namespace Denied.Rendering;

/// <summary>
/// Markdown for tickets and pull requests. Values from the record are escaped with
/// <see cref="TextEscaping.Markdown"/> (no link, image, HTML or table cell can form); code blocks carry only
/// our own rendered fixes, with fence-closing runs broken by <see cref="TextEscaping.CodeBlock"/>.
/// </summary>
public static class DiagnosisMarkdownRenderer
{
    public static void Render(Diagnosis d, TextWriter o)
    {
        var m = TextEscaping.Markdown;
        o.WriteLine(d.Denied
            ? $"### Access denied: {m(d.Action ?? "unknown action")} on {m(d.Resource ?? "unknown resource")}"
            : $"### Not a denial: {m(d.EventSource)} {m(d.EventName)}");
        o.WriteLine();
        Row(o, "Event", $"{m(d.EventId)} at {m(d.EventTime)} ({m(d.Account)} / {m(d.Region)})");
        Row(o, "Call", $"{m(d.EventSource)} {m(d.EventName)}");
        Row(o, "Error", d.ErrorCode is null ? null : $"{m(d.ErrorCode)}: {m(d.ErrorMessage, 400)}");
        Row(o, "Caller", $"{Codes.Of(d.Principal.Kind)} {m(d.Principal.Arn)}");
        Row(o, "Function", d.Function is { } f ? $"{m(f.Name ?? "unknown (shared role)")}, role {m(f.RoleArn)}" : null);
        if (d.Denied)
        {
            Row(o, "Layer", d.Layer is { } l ? $"{Codes.Of(l)}{(d.ExplicitDeny == true ? " (explicit deny)" : "")}" : null);
            Row(o, "Denying policy", m(d.DenyingPolicyArn));
        }

        foreach (var note in d.Notes)
        {
            o.WriteLine($"- {m(note)}");
        }

        if (d.Fix is not { } fix)
        {
            o.WriteLine();
            return;
        }

        o.WriteLine();
        o.WriteLine($"**Fix** (target: {Codes.Of(fix.Target)})");
        o.WriteLine();
        foreach (var s in fix.Statements)
        {
            o.WriteLine($"Add to the {m(s.Document)}:");
            Fence(o, "json", DiagnosisTextRenderer.PolicyJsonText(s.Statement));
        }

        foreach (var c in fix.Commands)
        {
            Fence(o, "sh", c);
        }

        foreach (var (tool, snippet) in fix.Snippets.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            o.WriteLine($"<details><summary>{m(tool)}</summary>");
            o.WriteLine();
            Fence(o, "", snippet);
            o.WriteLine("</details>");
            o.WriteLine();
        }

        foreach (var note in fix.Notes)
        {
            o.WriteLine($"- {m(note)}");
        }

        o.WriteLine();
    }

    private static void Row(TextWriter o, string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            o.WriteLine($"- **{label}:** {value}");
        }
    }

    private static void Fence(TextWriter o, string language, string body)
    {
        o.WriteLine($"```{language}");
        o.WriteLine(TextEscaping.CodeBlock(body));
        o.WriteLine("```");
        o.WriteLine();
    }
}
