using Denied.Diagnostics;

namespace Denied.Rendering;

/// <summary>
/// Markdown for tickets and pull requests. Identifiers from the record are code spans
/// (<see cref="FindingsMarkdownRenderer.Code"/>), prose such as the error message is escaped with
/// <see cref="TextEscaping.Markdown"/> (no link, image, HTML or table cell can form); code blocks carry only
/// our own rendered fixes, byte for byte as the terminal shows them (<see cref="TextEscaping.CodeBlock"/>), fenced by
/// <see cref="TextEscaping.CodeFence"/>, which no backtick run in the fix can close.
/// </summary>
public static class DiagnosisMarkdownRenderer
{
    /// <param name="withHeading">False inside a findings report, which heads each finding itself.</param>
    /// <param name="withSnippets">False inside a findings report: the SAM/CloudFormation/Terraform/CDK forms of the fix are long, and <c>--output json</c> or <c>findings show</c> give them.</param>
    public static void Render(Diagnosis d, TextWriter o, bool withHeading = true, bool withSnippets = true)
    {
        var m = TextEscaping.Markdown;

        // Identifiers and the error message (ARNs and actions) as code spans: no backslashes needed, see FindingsMarkdownRenderer.Code.
        var c = FindingsMarkdownRenderer.Code;
        if (withHeading)
        {
            o.WriteLine(d.Denied
                ? $"### Access denied: {c(d.Action ?? "unknown action")} on {c(d.Resource ?? "unknown resource")}"
                : $"### Not a denial: {c(d.EventSource)} {c(d.EventName)}");
            o.WriteLine();
        }

        Row(o, "Event", $"{c(d.EventId)} at {c(d.EventTime)} ({c(d.Account)} / {c(d.Region)})");
        Row(o, "Call", $"{c(d.EventSource)} {c(d.EventName)}");
        Row(o, "Error", d.ErrorCode is null ? null : $"{c(d.ErrorCode)}: {c(d.ErrorMessage)}");
        Row(o, "Caller", $"{Codes.Of(d.Principal.Kind)} {c(d.Principal.Arn)}");
        Row(o, "Function", d.Function is { } f ? $"{(f.Name is { } name ? c(name) : "unknown (shared role)")}, role {(f.RoleArn is { } role ? c(role) : "unknown (the fix says how to find it)")}" : null);
        if (d.Denied)
        {
            Row(o, "Layer", d.Layer is { } l ? $"{Codes.Of(l)}{(d.ExplicitDeny == true ? " (explicit deny)" : "")}" : null);
            Row(o, "Denying policy", d.DenyingPolicyArn is { } p ? c(p) : null);
            Row(o, "Authorization ID", d.AuthorizationId is { } id ? c(id) : null);
            if (d.Evaluation is { } evaluation)
            {
                Row(o, "Evaluation", m(EvaluationText.Summary(evaluation)));
                foreach (var statement in evaluation.Result.Statements)
                {
                    Row(o, statement.Decisive ? "Deciding statement" : "Near miss", m(EvaluationText.Statement(statement)));
                }
            }
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

        foreach (var command in fix.Commands)
        {
            Fence(o, "sh", command);
        }

        foreach (var (tool, snippet) in fix.Snippets.Where(_ => withSnippets).OrderBy(p => p.Key, StringComparer.Ordinal))
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

        if (!withSnippets && fix.Snippets.Count > 0)
        {
            o.WriteLine($"- The same change as {m(string.Join(", ", fix.Snippets.Keys.Order(StringComparer.Ordinal)))}: `--output json` or `denied findings show ID --output markdown`.");
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
        var code = TextEscaping.CodeBlock(body);
        var fence = TextEscaping.CodeFence(code);
        o.WriteLine(fence + language);
        o.WriteLine(code);
        o.WriteLine(fence);
        o.WriteLine();
    }
}
