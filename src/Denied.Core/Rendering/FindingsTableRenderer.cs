using System.Globalization;
using Denied.Diagnostics;
using Denied.Findings;

namespace Denied.Rendering;

/// <summary>
/// A plain terminal table of findings (scan results or stored findings), one row each, values escaped. It fits
/// <c>maxWidth</c> when one is given (a terminal) by narrowing the resource, function and action columns; ids are
/// shortened to the shortest prefix that tells the rows apart (at least <see cref="FindingIds.MinimumPrefix"/>
/// digits, as git shortens commit ids), and a long ARN keeps its start (partition and service) and its end (the
/// resource name, the part that tells two findings apart), cut in the middle.
/// </summary>
public static class FindingsTableRenderer
{
    public sealed record Row(string Id, long Count, DateTimeOffset LastSeen, string? Status, Diagnosis Diagnosis, IReadOnlyCollection<string> Functions, DateTimeOffset? FirstSeen = null, FindingObjects? Objects = null)
    {
        /// <summary>The function names shown for the finding: those seen, else the diagnosis's, else "unknown".</summary>
        public string FunctionText => Functions.Count > 0 ? string.Join(",", Functions) : Diagnosis.Function?.Name ?? "unknown";
    }

    private const string Gap = "  ";

    private enum Column { Id, Count, LastSeen, Status, Function, Action, Resource, Layer, Fix }

    /// <summary>
    /// Columns narrowed, in this order, down to their minimum, when the table is wider than the terminal: first to
    /// widths that still read well, then, on a narrow terminal, to the least that still tells rows apart.
    /// </summary>
    private static readonly (Column Column, int Minimum)[] Comfortable = [(Column.Resource, 24), (Column.Function, 12), (Column.Action, 16)];

    private static readonly (Column Column, int Minimum)[] Narrowest = [(Column.Resource, 16), (Column.Function, 8), (Column.Action, 12)];

    /// <summary>The table's short marks for layers and fix targets (a terminal has no room for "service-control-policy"); the legend spells out those shown.</summary>
    public static string LayerMark(DenialLayer layer) => layer switch
    {
        DenialLayer.IdentityPolicy => "identity",
        DenialLayer.ResourcePolicy => "resource",
        DenialLayer.ServiceControlPolicy => "scp",
        DenialLayer.ResourceControlPolicy => "rcp",
        DenialLayer.PermissionsBoundary => "boundary",
        DenialLayer.SessionPolicy => "session",
        DenialLayer.VpcEndpointPolicy => "vpce",
        _ => "unknown",
    };

    public static string FixMark(FixTarget target) => target switch
    {
        FixTarget.ExecutionRole => "role",
        FixTarget.ResourcePolicy => "resource",
        FixTarget.Both => "both",
        _ => "none",
    };

    public static void Render(IReadOnlyList<Row> rows, TextWriter o, int? maxWidth = null)
    {
        if (rows.Count == 0)
        {
            o.WriteLine("No findings.");
            return;
        }

        var prefix = FindingIds.UniquePrefixLength(rows.Select(r => r.Id).ToList());
        var columns = Enum.GetValues<Column>().Where(c => c != Column.Status || rows.Any(r => r.Status is not null)).ToList();
        var full = rows.Select(r => Cells(r, prefix)).ToList();
        var widths = columns.ToDictionary(c => c, c => Math.Max(Header(c).Length, full.Max(cells => cells[c].Length)));
        if (maxWidth is { } max)
        {
            Narrow(columns, widths, max, Comfortable);
            if (Total(columns, widths) > max && columns.Remove(Column.LastSeen))
            {
                // Still too wide: the time goes (JSON and `findings show` keep it), and the columns widen back
                // into the room it leaves before any is cut further.
                widths = columns.ToDictionary(c => c, c => Math.Max(Header(c).Length, full.Max(cells => cells[c].Length)));
                Narrow(columns, widths, max, Comfortable);
            }

            Narrow(columns, widths, max, Narrowest);
        }

        o.WriteLine(Line(columns.Select(c => (Header(c), widths[c]))));
        foreach (var cells in full)
        {
            o.WriteLine(Line(columns.Select(c => (Fit(c, cells[c], widths[c]), widths[c]))));
        }

        o.WriteLine();
        foreach (var line in Legend(rows))
        {
            foreach (var wrapped in TextWrap.Lines(line, maxWidth))
            {
                o.WriteLine(wrapped);
            }
        }
    }

    private static void Narrow(List<Column> columns, Dictionary<Column, int> widths, int max, (Column Column, int Minimum)[] steps)
    {
        foreach (var (column, minimum) in steps)
        {
            var excess = Total(columns, widths) - max;
            if (excess <= 0)
            {
                return;
            }

            widths[column] = Math.Max(Math.Min(widths[column], minimum), widths[column] - excess);
        }
    }

    private static int Total(List<Column> columns, Dictionary<Column, int> widths) =>
        columns.Sum(c => widths[c]) + Gap.Length * (columns.Count - 1);

    /// <summary>What the LAYER and FIX marks in this table mean, only for the marks it shows, with the JSON codes they stand for.</summary>
    public static IEnumerable<string> Legend(IReadOnlyList<Row> rows)
    {
        var layers = rows.Select(r => r.Diagnosis.Layer).OfType<DenialLayer>().Distinct().Order().ToList();
        if (layers.Count > 0)
        {
            yield return "LAYER (the policy that said no): " + string.Join(", ", layers.Select(l => $"{LayerMark(l)} = {Codes.Of(l)}"))
                + (rows.Any(r => r.Diagnosis.ExplicitDeny == true) ? "; ! = an explicit Deny there: adding an Allow will not fix it, the deny must change." : ".");
        }

        var targets = rows.Select(r => r.Diagnosis.Fix?.Target).OfType<FixTarget>().ToHashSet();
        // A permissions boundary's implicit deny is fixed on the role's side, in its boundary policy as well as its own
        // policy; a withheld fix (the record contradicts itself) is no statement either, for another reason.
        var boundaryOnRole = rows.Any(r => r.Diagnosis is { Layer: DenialLayer.PermissionsBoundary, Fix.Target: FixTarget.ExecutionRole });
        var meanings = new (FixTarget Target, string Meaning)[]
        {
            (FixTarget.ExecutionRole, "add a statement to the function's execution role" + (boundaryOnRole ? " (for a boundary, to the boundary policy too)" : "")),
            (FixTarget.ResourcePolicy, "add a statement to the resource's policy"),
            (FixTarget.Both, "cross-account: the role and the resource's policy must both allow it"),
            (FixTarget.None, "no statement to add: an explicit deny, SCP or RCP must change, or the fix is withheld (its notes say why)"),
        };
        var shown = meanings.Where(m => targets.Contains(m.Target)).Select(m => $"{FixMark(m.Target)} = {m.Meaning}").ToList();
        if (rows.Any(r => r.Diagnosis.Fix is null))
        {
            shown.Add("- = no fix: the record does not say enough");
        }

        if (shown.Count > 0)
        {
            yield return "FIX (what changes): " + string.Join("; ", shown) + ".";
        }

        // The same table ends an offline scan, whose findings are in no table, so the table command is named for what it reads.
        yield return "`--output json` gives each fix in full; so does `denied findings show ID` (any unique prefix of it) once the findings are in a table (`scan --to-table`, or the deployed service).";
    }

    private static Dictionary<Column, string> Cells(Row r, int prefix) => new()
    {
        [Column.Id] = r.Id.Length > prefix ? r.Id[..prefix] : r.Id,
        [Column.Count] = r.Count.ToString("N0", CultureInfo.InvariantCulture),
        [Column.LastSeen] = r.LastSeen.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        [Column.Status] = r.Status ?? "-",
        [Column.Function] = TextEscaping.PlainLine(r.FunctionText, 10_000),
        [Column.Action] = TextEscaping.PlainLine(r.Diagnosis.Action ?? "unknown", 10_000),
        // An S3 object finding covers many objects: the row shows what its fix grants, not the latest object.
        [Column.Resource] = TextEscaping.PlainLine(r.Objects is { } objects ? objects.Scope + (objects.IsPrefix ? "*" : "") : r.Diagnosis.Resource ?? "unknown", 10_000),
        [Column.Layer] = r.Diagnosis.Layer is { } l ? LayerMark(l) + (r.Diagnosis.ExplicitDeny == true ? "!" : "") : "-",
        [Column.Fix] = r.Diagnosis.Fix is { } f ? FixMark(f.Target) : "-",
    };

    private static string Header(Column c) => c switch
    {
        Column.Id => "FINDING",
        Column.LastSeen => "LAST SEEN (UTC)",
        _ => c.ToString().ToUpperInvariant(),
    };

    private static string Fit(Column c, string value, int width) => c == Column.Resource ? CutMiddle(value, width) : CutEnd(value, width);

    private static string Line(IEnumerable<(string Text, int Width)> cells) =>
        string.Join(Gap, cells.Select(c => c.Text.PadRight(c.Width))).TrimEnd();

    /// <summary>The start of a value and "…" when it does not fit.</summary>
    public static string CutEnd(string value, int width) =>
        value.Length <= width ? value : width <= 1 ? "…" : value[..(width - 1)] + "…";

    /// <summary>
    /// A value that does not fit, cut in the middle: an ARN keeps "arn:partition:service:" (with region and account
    /// when they are short or empty, up to half the width) and as much of its end as fits, so
    /// "arn:aws:s3:::…/11/inv-1004.pdf" still names the object.
    /// </summary>
    public static string CutMiddle(string value, int width)
    {
        if (value.Length <= width)
        {
            return value;
        }

        if (width <= 2)
        {
            return CutEnd(value, width);
        }

        // arn:partition:service:region:account: kept whole when short (S3's "arn:aws:s3:::"), else up to the service.
        var head = width / 3;
        if (value.StartsWith("arn:", StringComparison.Ordinal))
        {
            var account = NthIndexOf(value, ':', 5) + 1;
            head = account > 0 && account <= width / 2 ? account : NthIndexOf(value, ':', 3) + 1;
        }

        head = Math.Clamp(head, 0, width / 2);
        var tail = width - head - 1;
        return value[..head] + "…" + value[^tail..];
    }

    private static int NthIndexOf(string value, char c, int n)
    {
        var at = -1;
        for (var i = 0; i < n; i++)
        {
            at = value.IndexOf(c, at + 1);
            if (at < 0)
            {
                return -1;
            }
        }

        return at;
    }
}
