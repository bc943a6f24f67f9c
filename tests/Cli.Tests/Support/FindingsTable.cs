using System.Text.Json;
using Denied.Cli;
using Denied.TestSupport;

namespace Cli.Tests.Support;

/// <summary>The findings table on moto driven through the CLI's own actions (create-table, scan --to-table, findings ...).</summary>
public sealed class FindingsTable(MotoServer moto)
{
    public const string Name = "denied-findings";

    public AwsOptions Aws { get; } = new(MotoServer.Region, null, moto.EndpointUrl);

    public FindingsActions.Target Target => new(Aws, Name);

    public async Task CreateAsync()
    {
        await moto.ResetAsync();
        var result = await CaptureAsync((o, e) => FindingsActions.CreateTableAsync(Target, o, e, CancellationToken.None));
        Assert.Equal(ExitCodes.Clean, result.ExitCode);
    }

    public Task<Run.Result> BackfillAsync(string path) => Run.ScanAsync(path, OutputFormat.Json, Name, Aws);

    public Task<Run.Result> ListAsync(Denied.Findings.FindingQuery query, OutputFormat format = OutputFormat.Json) =>
        CaptureAsync((o, e) => FindingsActions.ListAsync(Aws, Name, query, format, o, e, CancellationToken.None));

    /// <summary>The findings list prints as a JSON array: id, count, status and lastSeen of each, in order.</summary>
    public async Task<List<(string Id, long Count, string Status, string LastSeen)>> ListRowsAsync(Denied.Findings.FindingQuery query)
    {
        var result = await ListAsync(query);
        Assert.Equal("", result.StdErr);
        using var doc = JsonDocument.Parse(result.StdOut);
        return doc.RootElement.EnumerateArray()
            .Select(f => (f.GetProperty("findingId").GetString()!, f.GetProperty("count").GetInt64(), f.GetProperty("status").GetString()!, f.GetProperty("lastSeen").GetString()!))
            .ToList();
    }

    public static async Task<Run.Result> CaptureAsync(Func<TextWriter, TextWriter, Task<int>> action)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await action(stdout, stderr);
        return new Run.Result(code, stdout.ToString(), stderr.ToString());
    }
}
