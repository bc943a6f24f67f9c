using System.Diagnostics;
using System.Text.Json.Nodes;
using Cli.Tests.Support;
using Denied.Cli;

namespace Cli.Tests;

/// <summary>
/// The HTML report in a real headless browser (Debian's chromium, which scripts/test.sh installs where missing):
/// it renders with our one script running under its CSP, shows every finding, and runs no script that came from
/// the data. A value that would run (an onerror handler, a script element) would set data-pwned on the page.
/// </summary>
[Trait("Category", "Browser")]
public sealed class HtmlBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    private static readonly string[] Payloads =
    [
        "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">",
        "<script>document.documentElement.setAttribute('data-pwned','script')</script>",
        "\"><svg onload=\"document.documentElement.setAttribute('data-pwned','svg')\">",
        "</code></pre><script>document.documentElement.setAttribute('data-pwned','pre')</script>",
    ];

    [Fact]
    public async Task TheSampleReportRendersEveryFindingAndRunsOnlyItsOwnScript()
    {
        using var folder = new TempFolder();
        var report = folder.Write("report.html", (await Run.ScanAsync(Run.SampleLogs, OutputFormat.Html)).StdOut);

        var dom = await DumpDomAsync(report, folder);

        Assert.Contains("data-report-ready=\"1\"", dom, StringComparison.Ordinal);
        Assert.Equal(13, CountOf(dom, "<tr class=\"finding-row\">"));
        Assert.Equal(13, CountOf(dom, "<section class=\"finding\""));
        Assert.Contains("kms:Decrypt", dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoScriptFromTheDataRuns()
    {
        using var folder = new TempFolder();
        var records = new JsonArray();
        foreach (var (payload, i) in Payloads.Select((p, i) => (p, i)))
        {
            foreach (var field in new[] { "sessionName", "roleName", "errorMessage", "requestParameters" })
            {
                var record = Hostile.Record(field, payload);
                record["eventID"] = $"hostile-{i}-{field}";
                records.Add((JsonNode)record);
            }
        }

        folder.Write("logs/hostile.json", new JsonObject { ["Records"] = records }.ToJsonString());
        var scan = await Run.ScanAsync(Path.Combine(folder.Path, "logs"), OutputFormat.Html);
        Assert.Equal(ExitCodes.DenialsFound, scan.ExitCode);
        var report = folder.Write("report.html", scan.StdOut);

        var dom = await DumpDomAsync(report, folder);

        Assert.Contains("data-report-ready=\"1\"", dom, StringComparison.Ordinal);
        // The payloads are on the page as text; only an element attribute would mean one ran.
        Assert.DoesNotContain("data-pwned=\"", dom, StringComparison.Ordinal);
        Assert.Contains("setAttribute(", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", dom, StringComparison.OrdinalIgnoreCase);
        Assert.True(CountOf(dom, "<tr class=\"finding-row\">") >= 1);
    }

    /// <summary>The page's DOM after its scripts ran, from chromium --dump-dom with a fresh profile and no network services.</summary>
    private static async Task<string> DumpDomAsync(string file, TempFolder folder)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: scripts/test.sh installs Debian's chromium (apt-get install chromium)");
        var psi = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", $"--user-data-dir={Path.Combine(folder.Path, "profile")}", "--dump-dom", new Uri(file).AbsoluteUri,
        })
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("chromium did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var dom = await stdout;
        Assert.True(process.ExitCode == 0 && dom.Length > 0, $"chromium exit {process.ExitCode}: {await stderr}");
        return dom;
    }

    private static int CountOf(string text, string part)
    {
        var n = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
