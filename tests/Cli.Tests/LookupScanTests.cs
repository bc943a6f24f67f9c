using Cli.Tests.Support;
using Denied.Cli;

namespace Cli.Tests;

/// <summary>
/// `denied scan --lookup` against a loopback LookupEvents server serving the sample archive's records as documented
/// reply pages: the same findings as the local scan, the request bytes the narrowing options send, throttling retried,
/// and a refused NextToken ending the walk with partial results.
/// </summary>
public sealed class LookupScanTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public LookupScanTests() => RemoteScan.UseDummyCredentials();

    [Fact]
    public async Task LookupOfTheSampleRecords_GivesTheLocalScansFindings_OverFourPages_WithAThrottledRequestRetried()
    {
        var records = SampleRecords.All();
        await using var server = new LookupEventsServer(records);
        server.ThrottleRequests.Add(2);
        var local = await Run.ScanAsync(Run.SampleLogs);

        var result = await RemoteScan.ScanAsync(new LookupIntake(null, null, null, null, null, [], TimeProvider.System), Aws(server));

        Assert.Equal(ExitCodes.DenialsFound, result.ExitCode);
        Assert.Equal(RemoteScan.FindingDocuments(local.StdOut), RemoteScan.FindingDocuments(result.StdOut));
        // 191 records: pages of 50, 50, 50, 41, plus the one throttled attempt.
        Assert.Equal(5, server.Requests.Count);
        Assert.Contains("lookup: 4 pages, 191 events read in ", result.StdErr, StringComparison.Ordinal);
        Assert.All(server.Requests, r => Assert.Equal("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents", r.Headers["X-Amz-Target"]));
        Assert.All(server.Requests, r => Assert.Contains("/us-east-1/cloudtrail/aws4_request", r.Headers["Authorization"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task FunctionAndWindow_AreSentAsTheUsernameAttributeAndEpochSeconds()
    {
        await using var server = new LookupEventsServer([]);

        var result = await RemoteScan.ScanAsync(new LookupIntake(From, To, "orders-api", null, "s3.amazonaws.com", [], TimeProvider.System), Aws(server));

        Assert.Equal(ExitCodes.Clean, result.ExitCode);
        var body = Assert.Single(server.Requests).Body;
        // One attribute per request (the API's limit): the function's session name wins; the event source is filtered locally.
        Assert.Equal(
            """{"StartTime":1793491200,"EndTime":1796083200,"LookupAttributes":[{"AttributeKey":"Username","AttributeValue":"orders-api"}],"MaxResults":50}""",
            body);
    }

    [Fact]
    public async Task EventSourceAlone_IsSentAsTheEventSourceAttribute()
    {
        await using var server = new LookupEventsServer([]);

        await RemoteScan.ScanAsync(new LookupIntake(null, null, null, null, "kms.amazonaws.com", [], TimeProvider.System), Aws(server));

        Assert.Equal(
            """{"LookupAttributes":[{"AttributeKey":"EventSource","AttributeValue":"kms.amazonaws.com"}],"MaxResults":50}""",
            Assert.Single(server.Requests).Body);
    }

    [Fact]
    public async Task Role_KeepsOnlyThatRolesSessions()
    {
        await using var server = new LookupEventsServer(SampleRecords.All());

        var result = await RemoteScan.ScanAsync(new LookupIntake(null, null, null, "payments-worker-role", null, [], TimeProvider.System), Aws(server));

        var findings = RemoteScan.FindingDocuments(result.StdOut);
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Contains("role/service/payments/payments-worker-role", f, StringComparison.Ordinal));
        Assert.Contains("set aside by --role/--event-source", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedNextToken_EndsTheWalkWithThePagesRead_ReportedAsPartial()
    {
        await using var server = new LookupEventsServer(SampleRecords.All()) { RefusedToken = "page-2" };

        var result = await RemoteScan.ScanAsync(new LookupIntake(null, null, null, null, null, [], TimeProvider.System), Aws(server));

        Assert.Equal(ExitCodes.InputErrors, result.ExitCode);
        Assert.Contains("lookup: 2 pages, 100 events read", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("stopped after 2 pages", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("InvalidNextTokenException", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("the results are partial", result.StdErr, StringComparison.Ordinal);
        Assert.NotEmpty(RemoteScan.Findings(result.StdOut));
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task AFailureOnTheFirstPage_IsAnAwsError_NotAnEmptyScan()
    {
        await using var server = new LookupEventsServer([]) { RefusedToken = null };
        for (var i = 1; i <= 6; i++)
        {
            server.ThrottleRequests.Add(i);
        }

        var result = await RemoteScan.ScanAsync(new LookupIntake(null, null, null, null, null, [], TimeProvider.System), Aws(server));

        Assert.Equal(ExitCodes.AwsError, result.ExitCode);
        Assert.Contains("denied: CloudTrail us-east-1: LookupEvents failed (HTTP 400 ThrottlingException)", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(result.StdOut);
    }

    [Fact]
    public async Task CtrlC_StopsTheWalk_AndPrintsTheFindingsReadSoFar()
    {
        await using var server = new LookupEventsServer(SampleRecords.All());
        using var cts = new CancellationTokenSource();
        var intake = new CancelAfterPages(new LookupIntake(null, null, null, null, null, [], TimeProvider.System), 2, cts);

        var result = await RemoteScan.ScanAsync(intake, Aws(server), cts.Token);

        Assert.Equal(ExitCodes.InputErrors, result.ExitCode);
        Assert.Contains("stopped after 2 pages: interrupted (Ctrl-C); the results are partial", result.StdErr, StringComparison.Ordinal);
        Assert.NotEmpty(RemoteScan.Findings(result.StdOut));
        Assert.Equal(2, server.Requests.Count);
    }

    private static AwsOptions Aws(LookupEventsServer server) => new("us-east-1", null, server.Endpoint);

    /// <summary>Cancels the run's token once the intake has handed over <paramref name="pages"/> pages, as Ctrl-C would.</summary>
    private sealed class CancelAfterPages(ScanIntake inner, int pages, CancellationTokenSource cts) : ScanIntake
    {
        public async IAsyncEnumerable<(string Name, IEnumerable<Denied.CloudTrail.InputItem> Items)> OpenAsync(
            AwsOptions aws, TextWriter stderr, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            var n = 0;
            await foreach (var page in inner.OpenAsync(aws, stderr, ct))
            {
                yield return page;
                if (++n == pages)
                {
                    await cts.CancelAsync();
                }
            }
        }
    }
}
