using System.Text.Json;
using Cli.Tests.Support;
using Denied.Cli;
using Denied.Findings;
using Denied.TestSupport;

namespace Cli.Tests;

/// <summary>`denied findings list|show|resolve|mute` against a table on moto filled by `scan --to-table` (backfill).</summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class FindingsCommandTests(MotoServer moto)
{
    private readonly FindingsTable _table = new(moto);

    [Fact]
    public async Task BackfillWritesTheScannedFindingsAndListShowsThemOpenNewestFirst()
    {
        await _table.CreateAsync();
        var scan = await _table.BackfillAsync(Run.SampleLogs);

        Assert.Equal(ExitCodes.DenialsFound, scan.ExitCode);
        Assert.Contains("backfill:", scan.StdErr, StringComparison.Ordinal);
        using var scanned = JsonDocument.Parse(scan.StdOut);
        var expected = scanned.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("findingId").GetString()!, f.GetProperty("count").GetInt64())).Order().ToList();

        var open = await _table.ListRowsAsync(new FindingQuery { Status = FindingStatus.Open });

        Assert.Equal(expected, open.Select(r => (r.Id, r.Count)).Order().ToList());
        Assert.All(open, r => Assert.Equal("open", r.Status));
        Assert.Equal(open.Select(r => r.LastSeen).OrderDescending(StringComparer.Ordinal), open.Select(r => r.LastSeen));
    }

    [Fact]
    public async Task BackfillRunTwiceLeavesEveryCountUnchanged()
    {
        await _table.CreateAsync();
        await _table.BackfillAsync(Run.SampleLogs);
        var first = await _table.ListRowsAsync(new FindingQuery { Limit = 1000 });

        var again = await _table.BackfillAsync(Run.SampleLogs);

        Assert.Contains("(0 new), 0 denials counted", again.StdErr, StringComparison.Ordinal);
        Assert.Equal(first, await _table.ListRowsAsync(new FindingQuery { Limit = 1000 }));
    }

    [Fact]
    public async Task ListByFunctionUsesTheFunctionIndex()
    {
        await _table.CreateAsync();
        await _table.BackfillAsync(Run.SampleLogs);

        var result = await _table.ListAsync(new FindingQuery { Function = "orders-api" });

        Assert.Equal(ExitCodes.DenialsFound, result.ExitCode);
        using var doc = JsonDocument.Parse(result.StdOut);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, f => Assert.Contains("orders-api", f.GetProperty("functionNames").EnumerateArray().Select(n => n.GetString())));
    }

    [Fact]
    public async Task ShowPrintsOneFindingAndResolveMovesItToTheResolvedList()
    {
        await _table.CreateAsync();
        await _table.BackfillAsync(Run.SampleLogs);
        var id = (await _table.ListRowsAsync(new FindingQuery { Action = "kms:Decrypt" })).Single().Id;

        var show = await FindingsTable.CaptureAsync((o, e) => FindingsActions.ShowAsync(_table.Target, id, OutputFormat.Json, o, e, CancellationToken.None));
        Assert.Equal(ExitCodes.Clean, show.ExitCode);
        using (var doc = JsonDocument.Parse(show.StdOut))
        {
            Assert.Equal(id, doc.RootElement.GetProperty("findingId").GetString());
            Assert.Equal(4, doc.RootElement.GetProperty("count").GetInt64());
            // The sample's key policy refused ("no resource-based policy allows"): only the key policy changes.
            Assert.Equal("resource-policy", doc.RootElement.GetProperty("fix").GetProperty("target").GetString());
        }

        var resolve = await FindingsTable.CaptureAsync((o, e) => FindingsActions.ResolveAsync(_table.Target, id, OutputFormat.Table, o, e, CancellationToken.None));
        Assert.Equal(ExitCodes.Clean, resolve.ExitCode);
        Assert.Equal($"resolved finding {id} (kms:Decrypt by payments-worker, 4 denials); it reopens and notifies if the denial happens again", resolve.StdOut.Trim());
        Assert.Equal([id], (await _table.ListRowsAsync(new FindingQuery { Status = FindingStatus.Resolved })).Select(r => r.Id));
        Assert.DoesNotContain(id, (await _table.ListRowsAsync(new FindingQuery { Status = FindingStatus.Open })).Select(r => r.Id));
    }

    [Fact]
    public async Task MuteRecordsTheReasonAndKeepsTheFindingOutOfTheOpenList()
    {
        await _table.CreateAsync();
        await _table.BackfillAsync(Run.SampleLogs);
        var id = (await _table.ListRowsAsync(new FindingQuery { Action = "xray:PutTraceSegments" })).Single().Id;

        var mute = await FindingsTable.CaptureAsync((o, e) => FindingsActions.MuteAsync(_table.Target, id, "tracing is off on purpose", null, o, e, CancellationToken.None));

        Assert.Equal(ExitCodes.Clean, mute.ExitCode);
        Assert.Equal($"muted finding {id} (xray:PutTraceSegments by orders-api, 1 denial) until unmuted: tracing is off on purpose", mute.StdOut.Trim());
        var muted = await _table.ListAsync(new FindingQuery { Status = FindingStatus.Muted });
        using var doc = JsonDocument.Parse(muted.StdOut);
        var row = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("tracing is off on purpose", row.GetProperty("muteReason").GetString());
        Assert.DoesNotContain(id, (await _table.ListRowsAsync(new FindingQuery { Status = FindingStatus.Open })).Select(r => r.Id));
    }

    [Theory]
    [InlineData("1970-01-01")]
    [InlineData("2026-01-01T00:00:00Z")]
    public async Task MuteUntilAPastTimeIsRefusedAndChangesNothing(string until)
    {
        await _table.CreateAsync();
        await _table.BackfillAsync(Run.SampleLogs);
        var id = (await _table.ListRowsAsync(new FindingQuery { Action = "xray:PutTraceSegments" })).Single().Id;
        var clock = new FixedClock(DateTimeOffset.Parse("2026-12-07T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        var mute = await FindingsTable.CaptureAsync((o, e) => FindingsActions.MuteAsync(_table.Target, id, "probe", until, clock, o, e, CancellationToken.None));

        Assert.Equal(ExitCodes.Usage, mute.ExitCode);
        Assert.Contains("is not in the future", mute.StdErr, StringComparison.Ordinal);
        Assert.Equal("", mute.StdOut);
        Assert.Contains(id, (await _table.ListRowsAsync(new FindingQuery { Status = FindingStatus.Open })).Select(r => r.Id));
    }

    [Fact]
    public async Task ShowAcceptsTheShortIdTheTablePrints()
    {
        await _table.CreateAsync();
        await _table.BackfillAsync(Run.SampleLogs);
        var id = (await _table.ListRowsAsync(new FindingQuery { Action = "kms:Decrypt" })).Single().Id;
        var list = await _table.ListAsync(new FindingQuery(), OutputFormat.Table);
        var shortId = list.StdOut.Split('\n').Select(l => l.Split(' ')[0]).Single(p => p.Length >= 8 && id.StartsWith(p, StringComparison.Ordinal));

        var show = await FindingsTable.CaptureAsync((o, e) => FindingsActions.ShowAsync(_table.Target, shortId, OutputFormat.Json, o, e, CancellationToken.None));

        Assert.True(shortId.Length < id.Length);
        Assert.Equal(ExitCodes.Clean, show.ExitCode);
        using var doc = JsonDocument.Parse(show.StdOut);
        Assert.Equal(id, doc.RootElement.GetProperty("findingId").GetString());
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", ExitCodes.AwsError)]
    [InlineData("01234567", ExitCodes.AwsError)]
    [InlineData("0123", ExitCodes.Usage)]
    [InlineData("not-a-finding-id", ExitCodes.Usage)]
    public async Task ShowOfAnUnknownOrMalformedIdFailsWithItsExitCode(string id, int exitCode)
    {
        await _table.CreateAsync();

        var show = await FindingsTable.CaptureAsync((o, e) => FindingsActions.ShowAsync(_table.Target, id, OutputFormat.Table, o, e, CancellationToken.None));

        Assert.Equal(exitCode, show.ExitCode);
        Assert.Contains(id, show.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListOnAMissingTableIsAnAwsError()
    {
        await moto.ResetAsync();

        var result = await _table.ListAsync(new FindingQuery());

        Assert.Equal(ExitCodes.AwsError, result.ExitCode);
        Assert.Contains(FindingsTable.Name, result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsDynamodbQueryOnTheStatusIndexReturnsTheSameOpenFindings()
    {
        await _table.CreateAsync();
        await _table.BackfillAsync(Run.SampleLogs);
        var open = await _table.ListRowsAsync(new FindingQuery { Status = FindingStatus.Open });

        // What `aws dynamodb query --index-name byStatus --key-condition-expression "#s = :s"
        // --expression-attribute-names '{"#s":"status"}' --expression-attribute-values '{":s":{"S":"open"}}'
        // --no-scan-index-forward` does, through boto3.
        const string Script = """
            import json, sys, boto3
            ddb = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
            r = ddb.query(TableName=sys.argv[2], IndexName="byStatus", KeyConditionExpression="#s = :s",
                          ExpressionAttributeNames={"#s": "status"}, ExpressionAttributeValues={":s": {"S": "open"}}, ScanIndexForward=False)
            print(json.dumps([i["id"]["S"] for i in r["Items"]]))
            """;
        var (code, stdout, stderr) = await Python.RunAsync(["-c", Script, moto.EndpointUrl, FindingsTable.Name]);

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var ids = doc.RootElement.EnumerateArray().Select(i => i.GetString()!).ToList();
        Assert.Equal(open.Select(r => r.Id), ids);
    }
}
