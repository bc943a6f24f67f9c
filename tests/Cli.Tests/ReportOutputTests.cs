using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cli.Tests.Support;
using Denied.Cli;
using Denied.Rendering;

namespace Cli.Tests;

/// <summary>
/// The outputs for tickets and reports: markdown is a summary table then details with code blocks; HTML is one
/// self-contained file with a strict Content-Security-Policy, every finding, the groupings and the chart.
/// </summary>
public sealed class ReportOutputTests
{
    [Fact]
    public async Task MarkdownStartsWithASummaryTableOfOneRowPerFinding()
    {
        var result = await Run.ScanAsync(Run.SampleLogs, OutputFormat.Markdown);

        var lines = result.StdOut.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("## Denied scan: 13 findings", lines[0]);
        var header = lines.FindIndex(l => l.StartsWith("| # | Finding |", StringComparison.Ordinal));
        var firstDetail = lines.FindIndex(l => l.StartsWith("### ", StringComparison.Ordinal));
        Assert.InRange(header, 1, firstDetail);
        Assert.Equal(13, lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).Count());
        Assert.Equal(13, lines.Count(l => l.StartsWith("### ", StringComparison.Ordinal)));
        Assert.Contains("| `kms:Decrypt` |", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("```json", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("```sh\naws iam put-role-policy", result.StdOut.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        // The fix snippets (SAM, Terraform, ...) are left to --output json: the ticket stays a few hundred lines.
        Assert.InRange(lines.Count, 100, 800);
        Assert.Contains("### 1. `s3:GetObject` by `orders-api`", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("- **Error:** `AccessDeniedException`: `User: arn:aws:sts::111122223333:assumed-role/", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HtmlIsOneSelfContainedFileWithEveryFinding()
    {
        var result = await Run.ScanAsync(Run.SampleLogs, OutputFormat.Html);
        var html = result.StdOut;

        Assert.Equal(ExitCodes.DenialsFound, result.ExitCode);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains($"content=\"{FindingsHtmlRenderer.ContentSecurityPolicy}\"", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", FindingsHtmlRenderer.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", FindingsHtmlRenderer.ContentSecurityPolicy, StringComparison.Ordinal);
        // Nothing to fetch: no src or href leaves the file (the SVG namespace is a name, not a fetch).
        Assert.Empty(Regex.Matches(html, "(src|href|action)\\s*=\\s*\"(?!#)", RegexOptions.IgnoreCase));
        Assert.Single(Regex.Matches(html, "<script", RegexOptions.IgnoreCase));
        Assert.Single(Regex.Matches(html, "<style", RegexOptions.IgnoreCase));
        Assert.Equal(13, Regex.Matches(html, "<tr class=\"finding-row\">").Count);
        Assert.Equal(13, Regex.Matches(html, "<section class=\"finding\" id=\"f[0-9]+\">").Count);
        Assert.Contains("<h2>By function</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>By policy layer</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"chart\"", html, StringComparison.Ordinal);
        Assert.Contains("data-copy=\"f1-1\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task HtmlEncodesEveryHostileValue(string field, string valueName)
    {
        using var folder = new TempFolder();
        folder.Write("log.json", new JsonObject { ["Records"] = new JsonArray(Hostile.Record(field, Hostile.Values[valueName])) }.ToJsonString());

        var html = (await Run.ScanAsync(folder.Path, OutputFormat.Html)).StdOut;

        Assert.Empty(Hostile.ControlCharacters(html));
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Regex.Matches(html, "<[^>]*onerror", RegexOptions.IgnoreCase));
        Assert.Single(Regex.Matches(html, "<script", RegexOptions.IgnoreCase));
        Assert.DoesNotContain("```\nrm", html, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> HostileValues() => Hostile.Cases();
}
