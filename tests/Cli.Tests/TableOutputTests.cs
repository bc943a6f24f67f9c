using Cli.Tests.Support;
using Denied.Cli;
using Denied.Rendering;

namespace Cli.Tests;

/// <summary>
/// The findings table for people: it fits the terminal (COLUMNS), is not cut when piped, shortens ids to a
/// unique prefix, cuts ARNs in the middle, and explains its LAYER and FIX marks.
/// </summary>
public sealed class TableOutputTests
{
    [Theory]
    [InlineData(80)]
    [InlineData(100)]
    [InlineData(140)]
    public async Task EveryTableLineFitsTheTerminalWidth(int columns)
    {
        var rows = await SampleRowsAsync();
        using var o = new StringWriter();

        FindingsTableRenderer.Render(rows, o, columns);

        var lines = o.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= columns, $"{l.Length} > {columns}: {l}"));
        Assert.Equal(rows.Count, lines.Count(l => rows.Any(r => l.StartsWith(r.Id[..8], StringComparison.Ordinal))));
    }

    [Fact]
    public async Task WithNoWidthNothingIsCut()
    {
        var rows = await SampleRowsAsync();
        using var o = new StringWriter();

        FindingsTableRenderer.Render(rows, o, maxWidth: null);

        Assert.All(rows.Where(r => r.Diagnosis.Resource is not null), r => Assert.Contains(r.Diagnosis.Resource!, o.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain("…", o.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ColumnsSetsTheWidthOfTheBuiltProgramsTable()
    {
        var env = new Dictionary<string, string?> { ["COLUMNS"] = "90" };

        var result = await Run.ProgramAsync([], env, "scan", Run.SampleLogs);

        Assert.Equal(ExitCodes.DenialsFound, result.ExitCode);
        Assert.All(result.StdOut.Split('\n'), l => Assert.True(l.TrimEnd('\r').Length <= 90, l));
        Assert.Equal("", result.StdErr);
    }

    [Theory]
    [InlineData(new[] { "aaaaaaaa11", "bbbbbbbb22" }, 8)]
    [InlineData(new[] { "abcdef0123456789", "abcdef0123450000" }, 13)]
    [InlineData(new[] { "0123456789abcdef0123456789abcdef" }, 8)]
    public void IdsAreShortenedToTheShortestUniquePrefixOfAtLeastEight(string[] ids, int length) =>
        Assert.Equal(length, FindingIds.UniquePrefixLength(ids));

    [Theory]
    [InlineData("arn:aws:s3:::acme-orders-prod/invoices/2026/11/inv-1004.pdf", 30, "arn:aws:s3:::…/11/inv-1004.pdf")]
    [InlineData("arn:aws:kms:us-east-1:111122223333:key/8f0c7a2e-3b1d-4d7e-9a51-6c2f0e4b9d13", 30, "arn:aws:kms:…9a51-6c2f0e4b9d13")]
    [InlineData("arn:aws:sqs:us-east-1:111122223333:q", 60, "arn:aws:sqs:us-east-1:111122223333:q")]
    [InlineData("a-very-long-name-that-is-not-an-arn-at-all", 21, "a-very-…an-arn-at-all")]
    public void LongValuesAreCutInTheMiddleKeepingTheServiceAndTheTail(string value, int width, string expected)
    {
        var cut = FindingsTableRenderer.CutMiddle(value, width);

        Assert.True(cut.Length <= width);
        Assert.Equal(expected, cut);
    }

    [Fact]
    public async Task TheLegendExplainsEveryLayerAndFixMarkTheTableShows()
    {
        var rows = await SampleRowsAsync();
        using var o = new StringWriter();

        FindingsTableRenderer.Render(rows, o, maxWidth: null);

        var text = o.ToString();
        Assert.Contains("scp = service-control-policy", text, StringComparison.Ordinal);
        Assert.Contains("vpce = vpc-endpoint-policy", text, StringComparison.Ordinal);
        Assert.Contains("! = an explicit Deny", text, StringComparison.Ordinal);
        Assert.Contains("resource = add a statement to the resource's policy", text, StringComparison.Ordinal);
        // A mark is explained exactly when the table shows it.
        Assert.Equal(rows.Any(r => r.Diagnosis.Fix?.Target == Denied.Diagnostics.FixTarget.Both), text.Contains("both = cross-account", StringComparison.Ordinal));
        Assert.Contains("none = no statement to add", text, StringComparison.Ordinal);
        Assert.Contains("or the fix is withheld (its notes say why)", text, StringComparison.Ordinal);
        Assert.Contains("role = add a statement to the function's execution role", text, StringComparison.Ordinal);
        // The samples' boundary denial (ssm:GetParameter) is fixed on the role's side, in the boundary policy too.
        Assert.Equal(
            rows.Any(r => r.Diagnosis is { Layer: Denied.Diagnostics.DenialLayer.PermissionsBoundary, Fix.Target: Denied.Diagnostics.FixTarget.ExecutionRole }),
            text.Contains("(for a boundary, to the boundary policy too)", StringComparison.Ordinal));
        Assert.Contains("(for a boundary, to the boundary policy too)", text, StringComparison.Ordinal);
    }

    /// <summary>The samples' findings as table rows, through the scan (the same rows the scan's table prints).</summary>
    private static async Task<List<FindingsTableRenderer.Row>> SampleRowsAsync()
    {
        var result = await Run.ScanAsync(Run.SampleLogs);
        var rows = new List<FindingsTableRenderer.Row>();
        using var doc = System.Text.Json.JsonDocument.Parse(result.StdOut);
        var ids = doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("findingId").GetString()!).ToList();
        var scanner = new Denied.Findings.LogScanner(new Denied.Diagnostics.Diagnoser(Denied.Iam.IamCatalog.Default, null));
        foreach (var file in Denied.CloudTrail.CloudTrailInput.EnumerateFiles(Run.SampleLogs))
        {
            foreach (var item in Denied.CloudTrail.CloudTrailInput.ReadFile(file, skipNonDenials: true))
            {
                scanner.Add(item);
            }
        }

        foreach (var f in scanner.Results())
        {
            rows.Add(new FindingsTableRenderer.Row(f.Id, f.Count, f.Observation.LastSeen, null, f.Observation.Latest, f.Observation.FunctionNames));
        }

        Assert.Equal(ids, rows.Select(r => r.Id));
        return rows;
    }
}
