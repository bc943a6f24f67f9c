using System.Globalization;
using Denied.Findings;

namespace Denied.Rendering;

/// <summary>
/// Findings as Markdown for a ticket: a summary table first (one row per finding), then each finding's details
/// with its fix statement and command in code blocks. Identifiers (actions, ARNs, names) are code spans (see
/// <see cref="Code"/>), so a ticket reads <c>s3:GetObject</c>, not <c>s3\:GetObject</c>. The infrastructure-as-code snippets are left to
/// <c>--output json</c> and <c>findings show</c>, so a ticket of many findings stays readable.
/// </summary>
public static class FindingsMarkdownRenderer
{
    /// <param name="summary">Our own counts line (no record data), written as it is.</param>
    public static void Render(string title, string? summary, IReadOnlyList<FindingsTableRenderer.Row> rows, TextWriter o)
    {
        o.WriteLine($"## {TextEscaping.Markdown(title, 200)}: {rows.Count} finding{(rows.Count == 1 ? "" : "s")}");
        o.WriteLine();
        if (summary is not null)
        {
            o.WriteLine(summary);
            o.WriteLine();
        }

        if (rows.Count == 0)
        {
            o.WriteLine("No findings.");
            return;
        }

        var prefix = FindingIds.UniquePrefixLength(rows.Select(r => r.Id).ToList());
        var withStatus = rows.Any(r => r.Status is not null);
        o.WriteLine("| # | Finding | Denials | Last seen (UTC) |" + (withStatus ? " Status |" : "") + " Function | Action | Resource | Layer | Fix |");
        o.WriteLine("|--:|---|--:|---|" + (withStatus ? "---|" : "") + "---|---|---|---|---|");
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var d = r.Diagnosis;
            o.WriteLine($"| {i + 1} | {Code(Short(r.Id, prefix))} | {r.Count.ToString("N0", CultureInfo.InvariantCulture)} | {Time(r.LastSeen)} |"
                + (withStatus ? $" {r.Status ?? "-"} |" : "")
                + $" {Code(r.FunctionText)} | {Code(d.Action ?? "unknown")} | {Code(d.Resource ?? "unknown")} |"
                + $" {(d.Layer is { } l ? FindingsTableRenderer.LayerMark(l) + (d.ExplicitDeny == true ? "\\!" : "") : "-")} |"
                + $" {(d.Fix is { } f ? FindingsTableRenderer.FixMark(f.Target) : "-")} |");
        }

        o.WriteLine();
        // Our own words, no data: written as they are, one paragraph each.
        foreach (var line in FindingsTableRenderer.Legend(rows).SkipLast(1))
        {
            o.WriteLine(line);
            o.WriteLine();
        }

        o.WriteLine();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            o.WriteLine($"### {i + 1}. {Code(r.Diagnosis.Action ?? "unknown action")} by {Code(r.FunctionText)}");
            o.WriteLine();
            o.WriteLine($"Finding {Code(r.Id)}: {r.Count.ToString("N0", CultureInfo.InvariantCulture)} denial{(r.Count == 1 ? "" : "s")}"
                + (r.FirstSeen is { } first ? $", first {Time(first)}" : "") + $", last {Time(r.LastSeen)} UTC"
                + (r.Status is { } s ? $", {s}" : "") + ".");
            o.WriteLine();
            if (r.Objects is { } objects)
            {
                o.WriteLine(ObjectsLine(objects));
                o.WriteLine();
            }

            DiagnosisMarkdownRenderer.Render(r.Diagnosis, o, withHeading: false, withSnippets: false);
        }
    }

    /// <summary>The objects of an S3 object finding: how many, the scope the fix grants, and the samples.</summary>
    public static string ObjectsLine(FindingObjects objects) =>
        $"Objects: {objects.CountText()}{(objects.IsPrefix ? " under " : ": ")}{Code(objects.Scope)}; for example {string.Join(", ", objects.Samples.Select(s => Code(s)))}.";

    /// <summary>
    /// An identifier as a CommonMark code span, which no renderer turns into a link, mention, emphasis or HTML, so
    /// it needs no backslashes. A value holding a character that could still matter inside one (a backtick that
    /// would end it, a pipe that ends a table cell even there, angle or square brackets that some chat renderers
    /// read anyway, a URL) is written as escaped prose with <see cref="TextEscaping.Markdown"/> instead.
    /// </summary>
    public static string Code(string? value)
    {
        var text = TextEscaping.PlainLine(value ?? "", 400);
        return text.Length == 0 || text.AsSpan().IndexOfAny("`|<>[]\\") >= 0 || LooksLikeALink(text) ? TextEscaping.Markdown(text, 400) : $"`{text}`";
    }

    /// <summary>Text a ticket system might autolink even in a code span (a URL scheme, www.): escaped instead.</summary>
    private static bool LooksLikeALink(string text) =>
        text.Contains("://", StringComparison.Ordinal) || text.Contains("www.", StringComparison.OrdinalIgnoreCase)
        || text.Contains("javascript:", StringComparison.OrdinalIgnoreCase) || text.Contains("mailto:", StringComparison.OrdinalIgnoreCase);

    private static string Short(string id, int prefix) => id.Length > prefix ? id[..prefix] : id;

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
