using Cli.Tests.Support;
using Denied.Cli;
using Denied.Findings;

namespace Cli.Tests;

/// <summary>Progress on long scans: done of the total known after listing, rate and time left, on one line that fits; nothing when standard error is not a terminal.</summary>
public sealed class ScanProgressTests
{
    [Fact]
    public void TheLineShowsFilesAndBytesOfTheTotalRateAndTimeLeft()
    {
        var listing = new ScanListing();
        foreach (var size in new long[] { 10 << 20, 10 << 20, 20 << 20, 40 << 20 })
        {
            listing.Add(size);
        }

        var stats = new ScanStats { Files = 2, Denied = 1 };

        var line = ScanProgress.Line(stats, findings: 1, listing, TimeSpan.FromSeconds(10), "log.json.gz");

        Assert.Equal("2/4 files, 20.0 MB/80.0 MB, 2.0 MB/s, 30s left, 1 denial, 1 finding  log.json.gz", line);
        Assert.Equal("2/4 files, 20.0 MB/80.0", ScanProgress.Fit(line, 23));
    }

    [Fact]
    public async Task NothingIsWrittenWhenStandardErrorIsNotATerminal()
    {
        // The test host redirects the program's standard error, as a CI log or `2> file` does.
        var result = await Run.ProgramAsync([], "scan", Run.SampleLogs, "--output", "json");

        Assert.Equal(ExitCodes.DenialsFound, result.ExitCode);
        Assert.Equal("", result.StdErr);
    }
}
