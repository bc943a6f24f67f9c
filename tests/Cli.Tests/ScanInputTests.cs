using System.Text.Json;
using Cli.Tests.Support;
using Denied.Cli;

namespace Cli.Tests;

/// <summary>
/// What a scan reads: a path with nothing to read is an error (exit 3), not a clean scan; only .json and .json.gz
/// files are read from folders and the rest are named as skipped; JSON that is not CloudTrail is unreadable as in
/// explain; records before --since are counted as such.
/// </summary>
public sealed class ScanInputTests
{
    [Fact]
    public async Task AnEmptyFolderHasNoCloudTrailLogFilesAndExitsThree()
    {
        using var folder = new TempFolder();

        var result = await Run.ScanAsync(folder.Path, OutputFormat.Table);

        Assert.Equal(ExitCodes.InputErrors, result.ExitCode);
        Assert.Equal($"denied: no CloudTrail log files under {folder.Path}", result.StdErr.Trim());
    }

    [Fact]
    public async Task AFolderOfSourceFilesIsSkippedByNameAndSaysWhich()
    {
        using var folder = new TempFolder();
        folder.Write("Program.cs", "Console.WriteLine(1);");
        folder.Write("src/Scan.cs", "class Scan { }");
        folder.Write("README.md", "# not a log");

        var result = await Run.ScanAsync(folder.Path, OutputFormat.Table);

        Assert.Equal(ExitCodes.InputErrors, result.ExitCode);
        var lines = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            ["denied: skipped 3 files that are not .json or .json.gz: Program.cs, README.md, src/Scan.cs", $"denied: no CloudTrail log files under {folder.Path}"],
            lines);
        Assert.Equal("", result.StdOut);
    }

    [Fact]
    public async Task SkippedFilesBesideLogsAreNamedAndTheLogsStillScanned()
    {
        using var folder = new TempFolder();
        foreach (var log in Directory.EnumerateFiles(Run.SampleLogs, "*.json.gz", SearchOption.AllDirectories))
        {
            folder.Write(Path.GetRelativePath(Run.SampleLogs, log), File.ReadAllBytes(log));
        }

        folder.Write("111122223333/CloudTrail-Digest/readme.txt", "digest");

        var result = await Run.ScanAsync(folder.Path);

        Assert.Equal(ExitCodes.DenialsFound, result.ExitCode);
        Assert.Contains("denied: skipped 1 file that is not .json or .json.gz: 111122223333/CloudTrail-Digest/readme.txt", result.StdErr, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(result.StdOut);
        Assert.Equal(13, doc.RootElement.GetProperty("findings").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"foo":1}""")]
    [InlineData("""{"Records":[{"foo":1},{"bar":[1,2]}]}""")]
    [InlineData("""{"name":"denied","version":"1.0.0","dependencies":{}}""")]
    public async Task JsonThatIsNotCloudTrailIsUnreadableInScanAsInExplain(string json)
    {
        using var folder = new TempFolder();
        var file = folder.Write("package.json", json);

        var scan = await Run.ScanAsync(folder.Path);
        var explain = Run.Explain(file);

        Assert.Equal(ExitCodes.InputErrors, scan.ExitCode);
        Assert.Equal(ExitCodes.InputErrors, explain.ExitCode);
        Assert.Contains("unknown shape", scan.StdErr, StringComparison.Ordinal);
        Assert.Contains("unknown shape", explain.StdErr, StringComparison.Ordinal);
        Assert.Contains("none holds a CloudTrail record", scan.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheReadmeSinceExampleFindsTheSampleFindings()
    {
        // README: denied scan samples/AWSLogs --since 2026-11-01 --functions samples/functions.json
        var result = await Run.ScanAsync(Run.SampleLogs, since: "2026-11-01");

        Assert.Equal(ExitCodes.DenialsFound, result.ExitCode);
        using var doc = JsonDocument.Parse(result.StdOut);
        Assert.Equal(13, doc.RootElement.GetProperty("findings").GetArrayLength());
        Assert.Equal(0, doc.RootElement.GetProperty("stats").GetProperty("outsideWindow").GetInt64());
    }

    [Fact]
    public async Task RecordsBeforeSinceAreCountedAsOutsideTheWindowNotAsNotDenied()
    {
        var all = await Run.ScanAsync(Run.SampleLogs);
        var later = await Run.ScanAsync(Run.SampleLogs, since: "2026-11-21");
        var table = await Run.ScanAsync(Run.SampleLogs, OutputFormat.Table, since: "2026-11-21");

        using var allDoc = JsonDocument.Parse(all.StdOut);
        using var laterDoc = JsonDocument.Parse(later.StdOut);
        var before = allDoc.RootElement.GetProperty("stats");
        var after = laterDoc.RootElement.GetProperty("stats");
        Assert.Equal(ExitCodes.Clean, later.ExitCode);
        Assert.Equal(0, after.GetProperty("denied").GetInt64());
        Assert.Equal(0, after.GetProperty("notDenied").GetInt64());
        Assert.Equal(before.GetProperty("denied").GetInt64() + before.GetProperty("notDenied").GetInt64(), after.GetProperty("outsideWindow").GetInt64());
        Assert.Contains($"{after.GetProperty("outsideWindow").GetInt64()} records before --since left out", table.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountsInTheFooterArePluralisedByNumber()
    {
        using var folder = new TempFolder();
        folder.Write("one.json", File.ReadAllText(Run.Sample("kms-decrypt-key-policy")));

        var result = await Run.ScanAsync(folder.Path, OutputFormat.Table);

        Assert.Contains("Scanned 1 file, 1 record: 1 access denial, 0 of them by principals other than Lambda functions (counted, no finding), 0 unreadable inputs.", result.StdOut, StringComparison.Ordinal);
    }
}
