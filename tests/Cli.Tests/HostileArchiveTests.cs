using System.Diagnostics;
using System.Text.Json;
using Denied.Cli;
using Denied.TestSupport;

namespace Cli.Tests;

/// <summary>
/// The built `denied` program over the hostile-archive corpus (scripts/hostile_corpus.py, small scale): every shape
/// ends with its documented exit code, a short stderr without a stack trace, and a peak RSS under the bound the README
/// states. The multi-gigabyte versions of the same shapes run with `bash bench/hostile.sh big`.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HostileArchiveTests(HostileArchiveTests.Corpus corpus) : IClassFixture<HostileArchiveTests.Corpus>
{
    /// <summary>The scan's stated memory bound (README "Limits"), whatever the input, apart from per-finding state.</summary>
    private const long MemoryBoundBytes = 256L * 1024 * 1024;

    public static TheoryData<string, int, string> Shapes => new()
    {
        { "huge-string-element", ExitCodes.InputErrors, "larger than 8 MB" },
        { "huge-string-in-record", ExitCodes.InputErrors, "larger than 8 MB" },
        { "huge-bare-record", ExitCodes.InputErrors, "larger than 8 MB" },
        { "huge-number", ExitCodes.InputErrors, "larger than 8 MB" },
        { "deep-nesting", ExitCodes.InputErrors, "not valid JSON" },
        { "whitespace-run", ExitCodes.DenialsFound, "" },
        { "near-budget-records", ExitCodes.DenialsFound, "" },
        { "identical-denials", ExitCodes.DenialsFound, "" },
        { "distinct-denials", ExitCodes.DenialsFound, "" },
        { "tiny-records", ExitCodes.InputErrors, "more unreadable records in" }, // {} names no event: not a CloudTrail record
        { "unreadable-records", ExitCodes.InputErrors, "more unreadable records in" },
        { "link-loops", ExitCodes.DenialsFound, "pipe.json.gz: empty, or not a regular file" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task EveryShapeEndsWithItsExitCodeAShortMessageAndBoundedMemory(string shape, int exitCode, string message)
    {
        var result = await ScanAsync(corpus.PathOf(shape));

        Assert.Equal(exitCode, result.ExitCode);
        Assert.DoesNotContain("Unhandled exception", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s+at ", result.StdErr);
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
        Assert.True(result.StdErr.Split('\n').Length <= Denied.CloudTrail.CloudTrailInput.MaxListedErrorsPerSource + 3, $"{shape}: {result.StdErr.Split('\n').Length} stderr lines");
        Assert.True(result.PeakBytes <= MemoryBoundBytes, $"{shape}: peak RSS {result.PeakBytes / (1024 * 1024)} MB");
    }

    [Theory]
    [InlineData("identical-denials", 1)]
    [InlineData("near-budget-records", 24)]
    [InlineData("distinct-denials", 100_000)]
    [InlineData("whitespace-run", 1)]
    [InlineData("link-loops", 1)]
    public async Task DenialsAreCountedOnceEachWhateverTheShape(string shape, long denials)
    {
        var result = await ScanAsync(corpus.PathOf(shape));

        using var doc = JsonDocument.Parse(result.StdOut);
        var finding = Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(denials, finding.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task AFolderThatCannotBeListedIsReportedLikeAnUnreadableFileAndTheRestIsRead()
    {
        // Root reads every folder whatever its mode, so as root the scan runs as nobody (setpriv, util-linux).
        var asRoot = Environment.UserName == "root";
        Assert.True(!asRoot || File.Exists("/usr/bin/setpriv"), "as root this test needs /usr/bin/setpriv to drop to nobody");
        var folder = Directory.CreateTempSubdirectory("denied-locked-");
        var open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        folder.UnixFileMode = open;
        var locked = folder.CreateSubdirectory("locked");
        try
        {
            File.Copy(corpus.PathOf("identical-denials"), Path.Combine(folder.FullName, "readable.json.gz"));
            File.SetUnixFileMode(Path.Combine(folder.FullName, "readable.json.gz"), open);
            locked.UnixFileMode = UnixFileMode.None;

            var result = await ScanAsync(folder.FullName, asRoot ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []);

            Assert.Equal(ExitCodes.InputErrors, result.ExitCode);
            Assert.Contains($"{locked.FullName}: cannot read folder", result.StdErr, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"(?m)^\s+at ", result.StdErr);
            using var doc = JsonDocument.Parse(result.StdOut);
            Assert.Equal(1, Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray()).GetProperty("count").GetInt64());
        }
        finally
        {
            locked.UnixFileMode = open;
            folder.Delete(recursive: true);
        }
    }

    private sealed record Outcome(int ExitCode, string StdOut, string StdErr, long PeakBytes);

    /// <summary>`denied scan PATH --output json` as its own process, measured by /usr/bin/time (peak RSS in KB).</summary>
    private static async Task<Outcome> ScanAsync(string path, string[]? runAs = null)
    {
        Assert.True(File.Exists("/usr/bin/time"), "the peak-memory assertion needs /usr/bin/time (apt-get install time)");
        var timing = Path.GetTempFileName();
        try
        {
            var psi = new ProcessStartInfo("/usr/bin/time")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            File.SetUnixFileMode(timing, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
            psi.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
            foreach (var a in new[] { "-f", "%M", "-o", timing }.Concat(runAs ?? []).Concat(["dotnet", Path.Combine(AppContext.BaseDirectory, "denied.dll"), "scan", path, "--output", "json", "--no-progress"]))
            {
                psi.ArgumentList.Add(a);
            }

            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var peakKb = long.Parse(File.ReadAllLines(timing).Last(l => l.Length > 0), System.Globalization.CultureInfo.InvariantCulture);
            return new Outcome(process.ExitCode, await stdout, await stderr, peakKb * 1024);
        }
        finally
        {
            File.Delete(timing);
        }
    }

    /// <summary>The small corpus, generated once for the class by the repository's generator.</summary>
    public sealed class Corpus : IAsyncLifetime
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("denied-hostile-").FullName;
        private readonly Dictionary<string, string> _paths = new(StringComparer.Ordinal);

        public string PathOf(string shape) => _paths[shape];

        public async Task InitializeAsync()
        {
            var (code, stdout, stderr) = await Python.RunAsync([RepoPaths.Combine("scripts", "hostile_corpus.py"), "--out", _folder, "--scale", "small"]);
            Assert.True(code == 0, "hostile_corpus.py failed: " + stderr);
            foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = line.Split('\t');
                _paths[parts[0]] = parts[1];
            }
        }

        public Task DisposeAsync()
        {
            Directory.Delete(_folder, recursive: true);
            return Task.CompletedTask;
        }
    }
}
