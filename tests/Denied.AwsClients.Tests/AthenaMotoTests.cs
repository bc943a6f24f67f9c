using Denied.TestSupport;

namespace Denied.AwsClients.Tests;

/// <summary>
/// AthenaClient against moto's Athena, which runs no SQL but returns the results queued for it: the query is started,
/// waited for and read back, with the statement and settings moto recorded.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class AthenaMotoTests(MotoServer moto) : IAsyncLifetime
{
    public Task InitializeAsync() => moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AQueryRunsToSucceeded_AndItsQueuedRowsComeBackWithoutTheHeaderRow()
    {
        await MotoAthenaResults.QueueAsync(moto, [["eventid", "errorcode"], ["e-1", "AccessDenied"], ["e-2", null]]);
        using var http = new HttpClient();
        var client = new AthenaClient(new AwsEndpointSettings(MotoServer.Region, moto.Endpoint), http, new DefaultAwsCredentialsSource(MotoServer.Region));

        var id = await client.StartQueryAsync(new AthenaQuery("SELECT eventid, errorcode FROM logs.cloudtrail", "logs", "s3://results/denied/", null), CancellationToken.None);
        var status = await client.WaitAsync(id, TimeSpan.FromMinutes(1), CancellationToken.None);
        var rows = new List<IReadOnlyList<string?>>();
        await foreach (var page in client.GetResultsAsync(id, CancellationToken.None))
        {
            Assert.Equal(["eventid", "errorcode"], page.Columns);
            rows.AddRange(page.Rows);
        }

        Assert.Equal("SUCCEEDED", status.State);
        Assert.Equal(0, status.DataScannedInBytes);
        Assert.Equal([["e-1", "AccessDenied"], ["e-2", null]], rows);
        var recorded = await MotoPython.RunAsync(moto, $"""
            q = boto3.client("athena", **kw).get_query_execution(QueryExecutionId="{id}")["QueryExecution"]
            print(q["Query"]); print(q["QueryExecutionContext"]["Database"]); print(q["ResultConfiguration"]["OutputLocation"])
            """);
        Assert.Equal(["SELECT eventid, errorcode FROM logs.cloudtrail", "logs", $"s3://results/denied/{id}.csv"], recorded.Trim().Split('\n'));
    }

    [Fact]
    public async Task AnUnknownWorkGroup_IsAnAwsErrorNamingTheOperation()
    {
        using var http = new HttpClient();
        var client = new AthenaClient(new AwsEndpointSettings(MotoServer.Region, moto.Endpoint), http, new DefaultAwsCredentialsSource(MotoServer.Region));

        var error = await Assert.ThrowsAsync<AwsServiceException>(
            () => client.StartQueryAsync(new AthenaQuery("SELECT 1", null, "s3://results/", "no-such-workgroup"), CancellationToken.None));

        Assert.Equal("StartQueryExecution", error.Operation);
        Assert.Equal("InvalidRequestException", error.ErrorCode);
    }
}
