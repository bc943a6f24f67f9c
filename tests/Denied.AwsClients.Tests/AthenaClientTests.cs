using System.Net;

namespace Denied.AwsClients.Tests;

/// <summary>AthenaClient's result paging, header row, NULL cells, and waiting for FAILED, CANCELLED and overlong queries.</summary>
public sealed class AthenaClientTests
{
    private const string Json11 = "application/x-amz-json-1.1";

    [Fact]
    public async Task Results_FollowNextToken_DropTheHeaderRow_AndKeepNullCellsAsNull()
    {
        var handler = new RecordingHandler()
            .Reply(HttpStatusCode.OK, """
                {"ResultSet":{"ResultSetMetadata":{"ColumnInfo":[{"Name":"eventid"},{"Name":"errorcode"}]},
                 "Rows":[{"Data":[{"VarCharValue":"eventid"},{"VarCharValue":"errorcode"}]},{"Data":[{"VarCharValue":"e-1"},{}]}]},"NextToken":"p2"}
                """, Json11)
            .Reply(HttpStatusCode.OK, """
                {"ResultSet":{"ResultSetMetadata":{"ColumnInfo":[{"Name":"eventid"},{"Name":"errorcode"}]},
                 "Rows":[{"Data":[{"VarCharValue":"eventid"},{"VarCharValue":"AccessDenied"}]}]}}
                """, Json11);
        var client = Client(handler);

        var pages = new List<AthenaResultPage>();
        await foreach (var page in client.GetResultsAsync("q", CancellationToken.None))
        {
            pages.Add(page);
        }

        Assert.Equal(["eventid", "errorcode"], pages[0].Columns);
        Assert.Equal(["e-1", null], Assert.Single(pages[0].Rows));
        // Only the first page's first row is the header: a data row that happens to repeat a name on a later page stays.
        Assert.Equal(["eventid", "AccessDenied"], Assert.Single(pages[1].Rows));
        Assert.Contains("\"NextToken\":\"p2\"", handler.Requests[1].BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FAILED", "SYNTAX_ERROR: line 1:8: Column 'x' cannot be resolved")]
    [InlineData("CANCELLED", "Query was cancelled by the user")]
    public async Task Wait_ReturnsTheFinalState_AndItsReason(string state, string reason)
    {
        var handler = new RecordingHandler()
            .Reply(HttpStatusCode.OK, Status("QUEUED", null), Json11)
            .Reply(HttpStatusCode.OK, Status("RUNNING", null), Json11)
            .Reply(HttpStatusCode.OK, Status(state, reason), Json11);
        var pauses = new List<TimeSpan>();

        var status = await Client(handler, pauses).WaitAsync("q", TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(state, status.State);
        Assert.Equal(reason, status.Reason);
        Assert.Equal([TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500)], pauses);
    }

    [Fact]
    public async Task Wait_StopsAQueryThatOutlivesTheTimeout()
    {
        var clock = new FixedClock(TestKeys.SignedAt);
        var handler = new RecordingHandler()
            .Reply(HttpStatusCode.OK, Status("RUNNING", null), Json11)
            .Reply(HttpStatusCode.OK, Status("RUNNING", null), Json11)
            .Reply(HttpStatusCode.OK, "{}", Json11);
        var client = new AthenaClient(new AwsEndpointSettings("us-east-1", null), new HttpClient(handler), new StaticAwsCredentialsSource("a", "b"), clock)
        {
            Pause = (d, _) =>
            {
                clock.Now += d;
                return Task.CompletedTask;
            },
        };

        var status = await client.WaitAsync("q", TimeSpan.FromMilliseconds(250), CancellationToken.None);

        Assert.Equal("RUNNING", status.State);
        Assert.False(status.IsFinished);
        Assert.Equal("AmazonAthena.StopQueryExecution", handler.Requests[^1].Header("X-Amz-Target"));
    }

    private static string Status(string state, string? reason) => reason is null
        ? "{\"QueryExecution\":{\"Status\":{\"State\":\"" + state + "\"},\"Statistics\":{\"DataScannedInBytes\":0}}}"
        : "{\"QueryExecution\":{\"Status\":{\"State\":\"" + state + "\",\"StateChangeReason\":\"" + reason + "\"}}}";

    private static AthenaClient Client(RecordingHandler handler, List<TimeSpan>? pauses = null) =>
        new(new AwsEndpointSettings("us-east-1", null), new HttpClient(handler), new StaticAwsCredentialsSource("a", "b"), new FixedClock(TestKeys.SignedAt))
        {
            Pause = (d, _) =>
            {
                pauses?.Add(d);
                return Task.CompletedTask;
            },
        };
}
