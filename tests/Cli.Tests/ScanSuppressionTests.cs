using System.Text.Json;
using Cli.Tests.Support;
using Denied.Cli;
using Denied.Findings;
using Denied.TestSupport;

namespace Cli.Tests;

/// <summary>
/// One rule stored with `denied suppressions add` silences the same denials in `scan --suppressions FILE` (the file
/// `suppressions list --output json` printed), in `scan --table` and in the backfill `scan --to-table`, and each
/// reports how many denials the rule silenced.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class ScanSuppressionTests(MotoServer moto)
{
    private const string Rule = "orders-reads";
    private readonly FindingsTable _table = new(moto);

    private Task<Run.Result> Denied(params string[] args) =>
        Run.ProgramAsync([], [.. args, "--table", FindingsTable.Name, "--endpoint-url", moto.EndpointUrl, "--region", MotoServer.Region]);

    /// <summary>The findings of a scan without rules that the rule must silence (orders-api's s3:GetObject denials), and their denial count.</summary>
    private static async Task<(HashSet<string> Ids, long Denials)> SilencedAsync()
    {
        var plain = await Run.ScanAsync(Run.SampleLogs);
        using var doc = JsonDocument.Parse(plain.StdOut);
        var silenced = doc.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("action").GetString() == "s3:GetObject"
                && f.GetProperty("functionNames").EnumerateArray().Any(n => n.GetString() == "orders-api"))
            .Select(f => (Id: f.GetProperty("findingId").GetString()!, Count: f.GetProperty("count").GetInt64()))
            .ToList();
        Assert.NotEmpty(silenced);
        return (silenced.Select(f => f.Id).ToHashSet(), silenced.Sum(f => f.Count));
    }

    private static void AssertSilenced(Run.Result scan, HashSet<string> silenced, long denials)
    {
        using var doc = JsonDocument.Parse(scan.StdOut);
        var ids = doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("findingId").GetString()!).ToList();
        Assert.NotEmpty(ids);
        Assert.DoesNotContain(ids, silenced.Contains);
        var stats = doc.RootElement.GetProperty("stats");
        Assert.Equal(denials, stats.GetProperty("suppressed").GetInt64());
        Assert.Equal(denials, stats.GetProperty("suppressedByRule").GetProperty(Rule).GetInt64());
    }

    private async Task AddRuleAsync()
    {
        await _table.CreateAsync();
        var added = await Denied("suppressions", "add", Rule, "--reason", "orders-api probes objects that may not exist", "--function", "orders-api", "--action", "s3:Get*");
        Assert.Equal(ExitCodes.Clean, added.ExitCode);
    }

    [Fact]
    public async Task TheRulesFileFromSuppressionsListSilencesTheSameDenialsOffline()
    {
        var (silenced, denials) = await SilencedAsync();
        await AddRuleAsync();
        var listed = await Denied("suppressions", "list", "--output", "json");
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "rules.json");
        await File.WriteAllTextAsync(file, listed.StdOut);

        var scan = await Run.ProgramAsync([], "scan", Run.SampleLogs, "--suppressions", file, "--output", "json", "--no-progress");
        var table = await Run.ProgramAsync([], "scan", Run.SampleLogs, "--suppressions", file, "--no-progress");

        Assert.Equal(ExitCodes.DenialsFound, scan.ExitCode);
        AssertSilenced(scan, silenced, denials);
        Assert.Contains($"{denials} suppressed ({Rule}: {denials})", table.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanWithTableAppliesTheRulesStoredInIt()
    {
        var (silenced, denials) = await SilencedAsync();
        await AddRuleAsync();

        var scan = await Run.ScanAsync(Run.SampleLogs, OutputFormat.Json, aws: _table.Aws, table: FindingsTable.Name);

        AssertSilenced(scan, silenced, denials);
        Assert.Empty(await _table.ListRowsAsync(new FindingQuery { Limit = 1000 }));
    }

    [Fact]
    public async Task TheBackfillNeverWritesAFindingTheTablesOwnRulesSilence()
    {
        var (silenced, denials) = await SilencedAsync();
        await AddRuleAsync();

        var backfill = await _table.BackfillAsync(Run.SampleLogs);

        AssertSilenced(backfill, silenced, denials);
        var stored = await _table.ListRowsAsync(new FindingQuery { Limit = 1000 });
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(stored, f => silenced.Contains(f.Id));
    }

    [Fact]
    public async Task ABadRulesFileIsAUsageErrorNamingTheFile()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "rules.json");
        await File.WriteAllTextAsync(file, "{\"suppressions\":[{\"id\":\"all\",\"reason\":\"oops\"}]}");

        var scan = await Run.ProgramAsync([], "scan", Run.SampleLogs, "--suppressions", file, "--no-progress");

        Assert.Equal(ExitCodes.Usage, scan.ExitCode);
        Assert.Contains("rules.json: suppression 0: needs at least one of function, role, action, resource", scan.StdErr, StringComparison.Ordinal);
    }
}
