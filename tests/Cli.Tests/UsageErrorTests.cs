using Cli.Tests.Support;
using Denied.Cli;

namespace Cli.Tests;

/// <summary>A mistyped command or option gets the nearest name and the help of the subcommand being typed, with exit 2.</summary>
public sealed class UsageErrorTests
{
    [Theory]
    [InlineData(new[] { "scna", "samples" }, "Did you mean scan?", "Try 'denied --help'.")]
    [InlineData(new[] { "explian", "x.json" }, "Did you mean explain?", "Try 'denied --help'.")]
    [InlineData(new[] { "scan", "samples", "--sinse", "7d" }, "Did you mean --since?", "Try 'denied scan --help'.")]
    [InlineData(new[] { "findings", "lsit" }, "Did you mean list?", "Try 'denied findings --help'.")]
    [InlineData(new[] { "findings", "list", "--stauts", "open" }, "Did you mean --status?", "Try 'denied findings list --help'.")]
    [InlineData(new[] { "suppressions", "add", "x", "--reason", "r", "--actoin", "s3:*" }, "Did you mean --action?", "Try 'denied suppressions add --help'.")]
    public async Task AMistypedNameGetsTheNearestOneAndTheSubcommandsHelp(string[] args, string suggestion, string help)
    {
        var result = await Run.ProgramAsync([], args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(suggestion, result.StdErr, StringComparison.Ordinal);
        Assert.EndsWith(help, result.StdErr.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("Required command was not provided", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AValueNotInTheListNamesTheChoicesOnOneLine()
    {
        var result = await Run.ProgramAsync([], "scan", Run.SampleLogs, "--output", "yaml");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("'yaml'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("one of: 'table', 'json', 'markdown', 'html'", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("\\n", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("\\t", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scan", "scan", 0)]
    [InlineData("scna", "scan", 1)]
    [InlineData("--sinse", "--since", 1)]
    [InlineData("findigns", "findings", 1)]
    [InlineData("lst", "list", 1)]
    public void DistanceCountsEditsAndAdjacentSwaps(string typed, string name, int distance) =>
        Assert.Equal(distance, Suggestions.Distance(typed, name));

    [Fact]
    public void AFarNameIsNotSuggested() =>
        Assert.Empty(Suggestions.Nearest("deploy", ["explain", "scan", "findings", "suppressions"]));
}
