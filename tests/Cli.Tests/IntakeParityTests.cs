using System.Text.Json.Nodes;
using Cli.Tests.Support;
using Denied.Cli;
using Denied.TestSupport;

namespace Cli.Tests;

/// <summary>
/// The same records, built once, reach `denied scan` three ways: as a log file, as CloudTrail event history (the loopback
/// LookupEvents server) and as Athena rows (moto's Athena, handed the rows the denial query would select). All three
/// give the same findings, document for document.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class IntakeParityTests(MotoServer moto) : IAsyncLifetime
{
    public Task InitializeAsync() => moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task FileLookupAndAthena_GiveTheSameFindings()
    {
        var records = SampleRecords.All();
        using var folder = new TempFolder();
        var file = folder.Write("AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/all.json", "{\"Records\":[" + string.Join(",", records) + "]}");
        await using var lookupServer = new LookupEventsServer(records);
        var candidates = records.Where(MatchesTheDenialQuery).ToList();
        await MotoAthenaResults.QueueAsync(moto, [AthenaRows.Header, .. candidates.Select(AthenaRows.Row)]);

        var local = await Run.ScanAsync(file);
        var lookup = await RemoteScan.ScanAsync(new LookupIntake(null, null, null, null, null, [], TimeProvider.System), new AwsOptions("us-east-1", null, lookupServer.Endpoint));
        var athena = await RemoteScan.ScanAsync(
            new AthenaIntake("logs.cloudtrail", "s3://acme-athena-results/denied/", null, null, null, [], [], null, false, TimeSpan.FromMinutes(1), TimeProvider.System),
            new AwsOptions(MotoServer.Region, null, moto.EndpointUrl));

        Assert.Equal(ExitCodes.DenialsFound, local.ExitCode);
        Assert.Equal(13, RemoteScan.Findings(local.StdOut).Count);
        Assert.Equal(RemoteScan.FindingDocuments(local.StdOut), RemoteScan.FindingDocuments(lookup.StdOut));
        Assert.Equal(RemoteScan.FindingDocuments(local.StdOut), RemoteScan.FindingDocuments(athena.StdOut));
        Assert.Equal(ExitCodes.DenialsFound, athena.ExitCode);
        Assert.Contains($"athena: {candidates.Count} denial candidates in 1 result pages", athena.StdErr, StringComparison.Ordinal);
        // moto scans nothing; the cost line still applies Athena's 10 MB minimum.
        Assert.Contains("scanned 0 bytes (0.0 KB), billed as 0.000048 USD at $5.00 per TB scanned", athena.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateTable_RunsTheDocumentedDdlFirst_ThenTheDenialQuery_BothPrinted()
    {
        var records = SampleRecords.All();
        await MotoAthenaResults.QueueAsync(moto, [], [AthenaRows.Header, .. records.Where(MatchesTheDenialQuery).Select(AthenaRows.Row)]);
        var since = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

        var result = await RemoteScan.ScanAsync(
            new AthenaIntake(
                "logs.cloudtrail", "s3://acme-athena-results/", "primary", since, null, ["111122223333"], ["us-east-1", "eu-west-1"],
                "s3://acme-trail/AWSLogs/", true, TimeSpan.FromMinutes(1), TimeProvider.System),
            new AwsOptions(MotoServer.Region, null, moto.EndpointUrl));

        Assert.Equal(ExitCodes.DenialsFound, result.ExitCode);
        var queries = (await MotoPython.RunAsync(moto, """
            a = boto3.client("athena", **kw)
            ids = a.list_query_executions()["QueryExecutionIds"]
            print(json.dumps([a.get_query_execution(QueryExecutionId=i)["QueryExecution"]["Query"] for i in ids]))
            """)).Trim();
        var statements = JsonNode.Parse(queries)!.AsArray().Select(q => q!.GetValue<string>()).ToList();
        Assert.Equal(2, statements.Count);
        var ddl = Assert.Single(statements, s => s.StartsWith("CREATE EXTERNAL TABLE IF NOT EXISTS `logs`.`cloudtrail`", StringComparison.Ordinal));
        Assert.Contains("'storage.location.template'='s3://acme-trail/AWSLogs/${account}/CloudTrail/${region}/${timestamp}'", ddl, StringComparison.Ordinal);
        Assert.Contains("'projection.region.values'='us-east-1,eu-west-1'", ddl, StringComparison.Ordinal);
        Assert.Contains("'projection.timestamp.range'='2026/11/01,NOW'", ddl, StringComparison.Ordinal);
        var select = Assert.Single(statements, s => s.StartsWith("SELECT ", StringComparison.Ordinal));
        Assert.Contains("AND account IN ('111122223333')", select, StringComparison.Ordinal);
        Assert.Contains("AND \"timestamp\" >= '2026/11/01'", select, StringComparison.Ordinal);
        Assert.Contains(ddl + ";", result.StdErr, StringComparison.Ordinal);
        Assert.Contains(select + ";", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownWorkgroup_IsAnAwsError()
    {
        var result = await RemoteScan.ScanAsync(
            new AthenaIntake("logs.cloudtrail", "s3://r/", "no-such-workgroup", null, null, [], [], null, false, TimeSpan.FromMinutes(1), TimeProvider.System),
            new AwsOptions(MotoServer.Region, null, moto.EndpointUrl));

        Assert.Equal(ExitCodes.AwsError, result.ExitCode);
        Assert.Contains("denied: Athena: StartQueryExecution failed (HTTP 400 InvalidRequestException): WorkGroup does not exist", result.StdErr, StringComparison.Ordinal);
    }

    /// <summary>The denial query's WHERE clause (the Detector's EventBridge pattern), evaluated here as Athena would.</summary>
    private static bool MatchesTheDenialQuery(string recordJson)
    {
        var r = JsonNode.Parse(recordJson)!;
        var code = r["errorCode"]?.GetValue<string>() ?? "";
        var message = r["errorMessage"]?.GetValue<string>() ?? "";
        return code.Contains("AccessDenied", StringComparison.Ordinal)
            || code.EndsWith("UnauthorizedOperation", StringComparison.Ordinal)
            || code is "AuthorizationError" or "Forbidden" or "ForbiddenException"
            || message.Contains("not authorized to", StringComparison.Ordinal)
            || (r["eventSource"]?.GetValue<string>() == "lambda.amazonaws.com" && message.Contains("does not have permissions", StringComparison.Ordinal));
    }
}
