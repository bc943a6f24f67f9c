using Cli.Tests.Support;
using Denied.Cli;

namespace Cli.Tests;

/// <summary>`explain` on a whole log file prints its denials only (and says how many records it left out) unless --all.</summary>
public sealed class ExplainLogTests
{
    /// <summary>A sample log holding denials and successful calls (the eu-west-1 one holds no denial).</summary>
    private static string SampleLog => Directory.EnumerateFiles(Path.Combine(Run.SampleLogs, "111122223333", "CloudTrail", "us-east-1"), "*.json.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();

    [Fact]
    public void OnALogFileOnlyTheDenialsArePrinted()
    {
        var denials = Run.Explain(SampleLog, OutputFormat.Table);
        var all = Run.Explain(SampleLog, OutputFormat.Table, all: true);

        Assert.Equal(ExitCodes.DenialsFound, denials.ExitCode);
        var shown = CountOf(denials.StdOut, "ACCESS DENIED  ");
        Assert.True(shown > 0);
        Assert.Equal(0, CountOf(denials.StdOut, "not a denial  "));
        var hidden = CountOf(all.StdOut, "not a denial  ");
        Assert.True(hidden > 0);
        Assert.Equal(shown, CountOf(all.StdOut, "ACCESS DENIED  "));
        Assert.Contains($"denied: {hidden} records that are not access denials not shown (--all shows them)", denials.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("not shown", all.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void OneRecordThatIsNotADenialIsStillPrinted()
    {
        using var folder = new TempFolder();
        var record = Hostile.Record("userAgent", "x");
        record.Remove("errorCode");
        record.Remove("errorMessage");
        var file = folder.Write("ok.json", record.ToJsonString());

        var result = Run.Explain(file, OutputFormat.Table);

        Assert.Equal(ExitCodes.Clean, result.ExitCode);
        Assert.StartsWith("not a denial  kms.amazonaws.com Decrypt", result.StdOut, StringComparison.Ordinal);
        Assert.Equal("", result.StdErr);
    }

    [Fact]
    public async Task StandardInputIsCalledSoInMessages()
    {
        var result = await Run.ProgramAsync("[]"u8.ToArray(), "explain", "-");

        Assert.Equal(ExitCodes.InputErrors, result.ExitCode);
        Assert.Contains("standard input", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("stdin", result.StdErr, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) =>
        text.Split('\n').Count(l => l.StartsWith(part, StringComparison.Ordinal));
}
