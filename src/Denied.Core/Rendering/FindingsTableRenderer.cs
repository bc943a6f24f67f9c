using Denied.Diagnostics;

namespace Denied.Rendering;

/// <summary>A plain terminal table of findings (scan results or stored findings), one row each, values escaped.</summary>
public static class FindingsTableRenderer
{
    public sealed record Row(string Id, long Count, DateTimeOffset LastSeen, string? Status, Diagnosis Diagnosis, IReadOnlyCollection<string> Functions);

    private const int StatusColumn = 3;

    public static void Render(IReadOnlyList<Row> rows, TextWriter o)
    {
        if (rows.Count == 0)
        {
            o.WriteLine("No findings.");
            return;
        }

        var header = new[] { "FINDING", "COUNT", "LAST SEEN", "STATUS", "FUNCTION", "ACTION", "RESOURCE", "LAYER", "FIX" };
        var cells = rows.Select(r => new[]
        {
            r.Id,
            r.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            FindingJson.Iso(r.LastSeen),
            r.Status ?? "-",
            Cell(r.Functions.Count == 0 ? r.Diagnosis.Function?.Name ?? "-" : string.Join(",", r.Functions), 28),
            Cell(r.Diagnosis.Action ?? "unknown", 36),
            Cell(r.Diagnosis.Resource ?? "unknown", 60),
            r.Diagnosis.Layer is { } l ? Codes.Of(l) + (r.Diagnosis.ExplicitDeny == true ? "!" : "") : "-",
            r.Diagnosis.Fix is { } f ? Codes.Of(f.Target) : "-",
        }).ToList();

        if (rows.All(r => r.Status is null))
        {
            // Scan results have no triage status: drop the column rather than print a column of dashes.
            header = [.. header.Where((_, i) => i != StatusColumn)];
            cells = cells.Select(c => c.Where((_, i) => i != StatusColumn).ToArray()).ToList();
        }

        var widths = header.Select((h, i) => Math.Max(h.Length, cells.Max(c => c[i].Length))).ToArray();
        o.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var c in cells)
        {
            o.WriteLine(string.Join("  ", c.Select((v, i) => v.PadRight(widths[i]))).TrimEnd());
        }

        o.WriteLine();
        o.WriteLine("LAYER ending in ! = explicit deny: adding an Allow will not fix it. `denied findings show ID` or `--output json` gives each fix.");
    }

    private static string Cell(string value, int max) => TextEscaping.PlainLine(value, max);
}
