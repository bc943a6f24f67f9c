using Cli.Tests.Support;
using Denied.Cli;
using Denied.TestSupport;

namespace Cli.Tests;

/// <summary>`denied suppressions add|list|remove`: noise control that is visible and reversible.</summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class SuppressionsCommandTests(MotoServer moto)
{
    private readonly FindingsTable _table = new(moto);

    private Task<Run.Result> Denied(params string[] args) =>
        Run.ProgramAsync([], [.. args, "--table", FindingsTable.Name, "--endpoint-url", moto.EndpointUrl, "--region", MotoServer.Region]);

    [Fact]
    public async Task AnAddedRuleIsListedWithItsPatternsAndRemovedAgain()
    {
        await _table.CreateAsync();

        var added = await Denied("suppressions", "add", "health-probe", "--reason", "synthetic canary", "--function", "canary-*", "--action", "s3:Get*");
        var listed = await Denied("suppressions", "list");
        var removed = await Denied("suppressions", "remove", "health-probe");
        var after = await Denied("suppressions", "list");

        Assert.Equal(ExitCodes.Clean, added.ExitCode);
        Assert.Contains("health-probe", listed.StdOut, StringComparison.Ordinal);
        Assert.Contains("function=canary-*", listed.StdOut, StringComparison.Ordinal);
        Assert.Contains("action=s3:Get*", listed.StdOut, StringComparison.Ordinal);
        Assert.Contains("reason=synthetic canary", listed.StdOut, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Clean, removed.ExitCode);
        Assert.Contains("No suppression rules.", after.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARuleWithoutAnyPatternIsRefusedBecauseItWouldSilenceEverything()
    {
        await _table.CreateAsync();

        var result = await Denied("suppressions", "add", "everything", "--reason", "oops");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("at least one of", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemovingAnUnknownRuleSaysSoAndFails()
    {
        await _table.CreateAsync();

        var result = await Denied("suppressions", "remove", "nope");

        Assert.Equal(ExitCodes.AwsError, result.ExitCode);
    }
}
