using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Denied.Diagnostics;

namespace Denied.Rendering;

/// <summary>
/// Findings as one self-contained HTML file to open or attach: the summary, the findings grouped by function and by
/// policy layer, a chart of denials over time per function (inline SVG), and each finding's fix with copy buttons.
/// Nothing is fetched: the one style block and the one script are ours, allowed by their hashes in a
/// Content-Security-Policy that also forbids every other script, inline handler, frame, image and connection.
/// Every value from CloudTrail is HTML-encoded after <see cref="TextEscaping.PlainLine"/> (no control, bidi or
/// zero-width character survives), and element ids are our own counters, never data.
/// </summary>
public static class FindingsHtmlRenderer
{
    /// <param name="Timeline">Denials per function and hour (a scan's); empty for stored findings, which keep only first and last seen.</param>
    public sealed record Report(string Title, string? Summary, IReadOnlyList<FindingsTableRenderer.Row> Rows,
        IReadOnlyCollection<(string Function, DateTimeOffset Hour, long Count)> Timeline);

    private const string Style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1b1f24}
        h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de}h3{font-size:1.05rem;margin-top:1.5rem}
        table{border-collapse:collapse;width:100%}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
        td.n{text-align:right}code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12.5px}
        td code{word-break:break-all}pre{background:#f6f8fa;border:1px solid #d0d7de;padding:.6rem;overflow:auto;white-space:pre}
        .block{position:relative}.block button{position:absolute;top:.3rem;right:.3rem}
        .finding{border-top:1px solid #d0d7de;padding-top:.5rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem}dt{font-weight:600}
        .deny{color:#b42318;font-weight:600}.muted{color:#57606a}
        """;

    private const string Script = """
        document.documentElement.setAttribute('data-report-ready','1');
        function selectText(t){var r=document.createRange();r.selectNodeContents(t);var s=window.getSelection();s.removeAllRanges();s.addRange(r);}
        document.addEventListener('click',function(e){
          var b=e.target.closest('button[data-copy]');if(!b){return;}
          var t=document.getElementById(b.getAttribute('data-copy'));if(!t){return;}
          var done=function(){b.textContent='Copied';setTimeout(function(){b.textContent='Copy';},1500);};
          if(navigator.clipboard&&navigator.clipboard.writeText){navigator.clipboard.writeText(t.textContent).then(done,function(){selectText(t);});}
          else{selectText(t);}
        });
        """;

    /// <summary>The Content-Security-Policy of every report: only our own style and script, by hash; nothing else loads or runs.</summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src '{Hash(Style)}'; script-src '{Hash(Script)}'; img-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'";

    public static void Render(Report report, TextWriter o)
    {
        var rows = report.Rows;
        var prefix = FindingIds.UniquePrefixLength(rows.Select(r => r.Id).ToList());
        o.WriteLine("<!DOCTYPE html>");
        o.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        o.WriteLine($"<meta http-equiv=\"Content-Security-Policy\" content=\"{ContentSecurityPolicy}\">");
        o.WriteLine("<meta name=\"referrer\" content=\"no-referrer\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
        o.WriteLine($"<title>{H(report.Title)}</title>");
        o.WriteLine($"<style>{Style}</style></head><body>");
        o.WriteLine($"<h1>{H(report.Title)}: {rows.Count} finding{(rows.Count == 1 ? "" : "s")}</h1>");
        if (report.Summary is { } summary)
        {
            o.WriteLine($"<p id=\"summary\">{H(summary, 1000)}</p>");
        }

        if (rows.Count == 0)
        {
            o.WriteLine("<p>No findings.</p>");
        }
        else
        {
            SummaryTable(rows, prefix, o);
            Groups("By function", rows, r => r.FunctionText, prefix, o);
            Groups("By policy layer", rows, r => r.Diagnosis.Layer is { } l ? Codes.Of(l) + (r.Diagnosis.ExplicitDeny == true ? " (explicit deny)" : "") : "unknown", prefix, o);
            Chart(report.Timeline, o);
            o.WriteLine("<h2>Findings and fixes</h2>");
            for (var i = 0; i < rows.Count; i++)
            {
                Details(rows[i], i, o);
            }
        }

        o.WriteLine($"<script>{Script}</script>");
        o.WriteLine("</body></html>");
    }

    private static void SummaryTable(IReadOnlyList<FindingsTableRenderer.Row> rows, int prefix, TextWriter o)
    {
        var withStatus = rows.Any(r => r.Status is not null);
        o.WriteLine("<h2>Summary</h2>");
        o.WriteLine("<table id=\"findings\"><thead><tr><th>#</th><th>Finding</th><th>Denials</th><th>Last seen (UTC)</th>"
            + (withStatus ? "<th>Status</th>" : "") + "<th>Function</th><th>Action</th><th>Resource</th><th>Layer</th><th>Fix</th></tr></thead><tbody>");
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var d = r.Diagnosis;
            o.WriteLine($"<tr class=\"finding-row\"><td class=\"n\">{i + 1}</td><td><a href=\"#f{i + 1}\"><code>{H(Short(r.Id, prefix))}</code></a></td>"
                + $"<td class=\"n\">{r.Count.ToString("N0", CultureInfo.InvariantCulture)}</td><td>{Time(r.LastSeen)}</td>"
                + (withStatus ? $"<td>{H(r.Status ?? "-")}</td>" : "")
                + $"<td>{H(r.FunctionText)}</td><td><code>{H(d.Action ?? "unknown")}</code></td><td><code>{H(d.Resource ?? "unknown")}</code></td>"
                + $"<td>{(d.Layer is { } l ? FindingsTableRenderer.LayerMark(l) + (d.ExplicitDeny == true ? "<span class=\"deny\">!</span>" : "") : "-")}</td>"
                + $"<td>{(d.Fix is { } f ? FindingsTableRenderer.FixMark(f.Target) : "-")}</td></tr>");
        }

        o.WriteLine("</tbody></table>");
        o.WriteLine("<ul class=\"muted\">");
        foreach (var line in FindingsTableRenderer.Legend(rows).SkipLast(1))
        {
            o.WriteLine($"<li>{H(line, 1000)}</li>");
        }

        o.WriteLine("</ul>");
    }

    private static void Groups(string heading, IReadOnlyList<FindingsTableRenderer.Row> rows, Func<FindingsTableRenderer.Row, string> key, int prefix, TextWriter o)
    {
        o.WriteLine($"<h2>{heading}</h2>");
        var indexed = rows.Select((r, i) => (Row: r, Number: i + 1));
        foreach (var group in indexed.GroupBy(x => key(x.Row), StringComparer.Ordinal).OrderByDescending(g => g.Sum(x => x.Row.Count)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var total = group.Sum(x => x.Row.Count);
            o.WriteLine($"<h3>{H(group.Key)} <span class=\"muted\">({Count(group.Count(), "finding")}, {Count(total, "denial")})</span></h3><ul>");
            foreach (var (r, n) in group)
            {
                o.WriteLine($"<li><a href=\"#f{n}\">#{n} <code>{H(Short(r.Id, prefix))}</code></a> <code>{H(r.Diagnosis.Action ?? "unknown")}</code> on <code>{H(r.Diagnosis.Resource ?? "unknown")}</code>, {Count(r.Count, "denial")}</li>");
            }

            o.WriteLine("</ul>");
        }
    }

    /// <summary>One row of bars per function (the eight with most denials; the rest as "other functions"), over at most 48 equal time bins.</summary>
    private static void Chart(IReadOnlyCollection<(string Function, DateTimeOffset Hour, long Count)> timeline, TextWriter o)
    {
        o.WriteLine("<h2>Denials over time</h2>");
        if (timeline.Count == 0)
        {
            o.WriteLine("<p class=\"muted\">A chart needs each denial's time, which a scan reads from the logs; the findings table keeps only first and last seen.</p>");
            return;
        }

        const int maxFunctions = 8, maxBins = 48, labelWidth = 220, plotWidth = 720, rowHeight = 42;
        var start = timeline.Min(p => p.Hour);
        var end = timeline.Max(p => p.Hour).AddHours(1);
        var hours = Math.Max(1, (int)Math.Ceiling((end - start).TotalHours));
        var bins = Math.Min(maxBins, hours);
        var binHours = (int)Math.Ceiling(hours / (double)bins);
        bins = (int)Math.Ceiling(hours / (double)binHours);
        var byFunction = timeline.GroupBy(p => p.Function, StringComparer.Ordinal)
            .OrderByDescending(g => g.Sum(p => p.Count)).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var shown = byFunction.Take(maxFunctions).Select(g => (Name: g.Key, Points: g.ToList())).ToList();
        if (byFunction.Count > maxFunctions)
        {
            shown.Add(($"{byFunction.Count - maxFunctions} other functions", byFunction.Skip(maxFunctions).SelectMany(g => g).ToList()));
        }

        var series = shown.Select(s =>
        {
            var counts = new long[bins];
            foreach (var p in s.Points)
            {
                counts[Math.Min(bins - 1, (int)((p.Hour - start).TotalHours / binHours))] += p.Count;
            }

            return (s.Name, Counts: counts);
        }).ToList();
        var peak = Math.Max(1, series.Max(s => s.Counts.Max()));
        var barWidth = plotWidth / (double)bins;
        var height = rowHeight * series.Count + 24;
        o.WriteLine($"<p class=\"muted\">{Time(start)} to {Time(end)} UTC, {binHours} hour{(binHours == 1 ? "" : "s")} per bar; bar height relative to the busiest bar ({Count(peak, "denial")}).</p>");
        o.WriteLine($"<svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{labelWidth + plotWidth}\" height=\"{height}\" role=\"img\" aria-label=\"denials over time per function\">");
        for (var row = 0; row < series.Count; row++)
        {
            var (name, counts) = series[row];
            var baseline = rowHeight * (row + 1);
            o.WriteLine($"<text x=\"0\" y=\"{baseline - 8}\" font-size=\"12\" fill=\"#1b1f24\">{H(name, 40)} ({counts.Sum().ToString("N0", CultureInfo.InvariantCulture)})</text>");
            o.WriteLine($"<line x1=\"{labelWidth}\" y1=\"{baseline}\" x2=\"{labelWidth + plotWidth}\" y2=\"{baseline}\" stroke=\"#d0d7de\"/>");
            for (var b = 0; b < bins; b++)
            {
                if (counts[b] == 0)
                {
                    continue;
                }

                var h = Math.Max(2, (rowHeight - 8) * counts[b] / (double)peak);
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"<rect class=\"bar\" x=\"{labelWidth + b * barWidth:0.#}\" y=\"{baseline - h:0.#}\" width=\"{Math.Max(1, barWidth - 1):0.#}\" height=\"{h:0.#}\" fill=\"#cf222e\"><title>{H(name, 80)}: {Count(counts[b], "denial")} from {Time(start.AddHours(b * binHours))} UTC</title></rect>"));
            }
        }

        o.WriteLine($"<text x=\"{labelWidth}\" y=\"{height - 6}\" font-size=\"11\" fill=\"#57606a\">{Time(start)}</text>");
        o.WriteLine($"<text x=\"{labelWidth + plotWidth}\" y=\"{height - 6}\" font-size=\"11\" fill=\"#57606a\" text-anchor=\"end\">{Time(end)}</text>");
        o.WriteLine("</svg>");
    }

    private static void Details(FindingsTableRenderer.Row r, int index, TextWriter o)
    {
        var d = r.Diagnosis;
        var n = index + 1;
        o.WriteLine($"<section class=\"finding\" id=\"f{n}\"><h3>#{n} <code>{H(d.Action ?? "unknown action")}</code> by {H(r.FunctionText)}</h3><dl>");
        Fact(o, "Finding", $"<code>{H(r.Id)}</code>");
        Fact(o, "Denials", $"{r.Count.ToString("N0", CultureInfo.InvariantCulture)}" + (r.FirstSeen is { } f ? $", first {Time(f)}" : "") + $", last {Time(r.LastSeen)} UTC" + (r.Status is { } s ? $", {H(s)}" : ""));
        Fact(o, "Call", $"<code>{H(d.EventSource)}</code> <code>{H(d.EventName)}</code> in {H(d.Account)} / {H(d.Region)}");
        Fact(o, "Resource", $"<code>{H(d.Resource ?? "unknown")}</code>");
        Fact(o, "Objects", r.Objects is { } objects
            ? $"{H(objects.Summary(), 600)}; for example {string.Join(", ", objects.Samples.Select(s => $"<code>{H(s)}</code>"))}" : null);
        Fact(o, "Error", d.ErrorCode is null ? null : $"<code>{H(d.ErrorCode)}</code>: {H(d.ErrorMessage, 400)}");
        Fact(o, "Role", d.Function?.RoleArn is { } role ? $"<code>{H(role)}</code>" : null);
        Fact(o, "Layer", Layer(d));
        Fact(o, "Denying policy", d.DenyingPolicyArn is { } p ? $"<code>{H(p)}</code>" : null);
        Fact(o, "Authorization ID", d.AuthorizationId is { } id ? $"<code>{H(id)}</code>" : null);
        o.WriteLine("</dl>");
        Notes(o, d.Notes);
        if (d.Fix is { } fix)
        {
            o.WriteLine($"<h4>Fix (target: {Codes.Of(fix.Target)})</h4>");
            var block = 0;
            foreach (var st in fix.Statements)
            {
                o.WriteLine($"<p>Add to the {H(st.Document)}:</p>");
                Block(o, $"f{n}-{++block}", DiagnosisTextRenderer.PolicyJsonText(st.Statement));
            }

            foreach (var c in fix.Commands)
            {
                o.WriteLine("<p>Run:</p>");
                Block(o, $"f{n}-{++block}", c);
            }

            foreach (var (tool, snippet) in fix.Snippets.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                o.WriteLine($"<details><summary>{H(tool)}</summary>");
                Block(o, $"f{n}-{++block}", snippet);
                o.WriteLine("</details>");
            }

            Notes(o, fix.Notes);
        }

        o.WriteLine("</section>");
    }

    private static void Block(TextWriter o, string id, string text)
    {
        var lines = text.Split('\n').Select(l => H(l.TrimEnd('\r'), 10_000));
        o.WriteLine($"<div class=\"block\"><button type=\"button\" data-copy=\"{id}\">Copy</button><pre id=\"{id}\">{string.Join("\n", lines)}</pre></div>");
    }

    private static void Notes(TextWriter o, IReadOnlyList<string> notes)
    {
        if (notes.Count == 0)
        {
            return;
        }

        o.WriteLine("<ul>");
        foreach (var note in notes)
        {
            o.WriteLine($"<li>{H(note, 1000)}</li>");
        }

        o.WriteLine("</ul>");
    }

    private static void Fact(TextWriter o, string label, string? html)
    {
        if (!string.IsNullOrEmpty(html))
        {
            o.WriteLine($"<dt>{label}</dt><dd>{html}</dd>");
        }
    }

    private static string Layer(Diagnosis d) => d.Layer is { } l
        ? Codes.Of(l) + (d.ExplicitDeny == true ? " <span class=\"deny\">(explicit deny)</span>" : "")
        : "-";

    /// <summary>Text from the record, on one line with control and invisible characters made visible, then HTML-encoded.</summary>
    public static string H(string? value, int maxLength = 400) => WebUtility.HtmlEncode(TextEscaping.PlainLine(value ?? "", maxLength));

    private static string Count(long n, string noun) => $"{n.ToString("N0", CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";

    private static string Short(string id, int prefix) => id.Length > prefix ? id[..prefix] : id;

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Hash(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
