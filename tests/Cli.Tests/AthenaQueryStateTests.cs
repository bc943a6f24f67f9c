using Cli.Tests.Support;
using Denied.Cli;

namespace Cli.Tests;

/// <summary>`scan --athena` when the query does not succeed: a FAILED or CANCELLED query, and one that outlives --timeout.</summary>
public sealed class AthenaQueryStateTests
{
    private const string Started = """{"QueryExecutionId":"q-1"}""";

    public AthenaQueryStateTests() => RemoteScan.UseDummyCredentials();

    [Theory]
    [InlineData("FAILED", "COLUMN_NOT_FOUND: line 3:8: Column 'account' cannot be resolved")]
    [InlineData("CANCELLED", "Query cancelled by user")]
    public async Task AQueryThatDoesNotSucceed_IsAnAwsError_WithAthenasReason(string state, string reason)
    {
        await using var server = new ScriptedJsonServer(new()
        {
            ["StartQueryExecution"] = Started,
            ["GetQueryExecution"] = "{\"QueryExecution\":{\"Status\":{\"State\":\"" + state + "\",\"StateChangeReason\":\"" + reason + "\"}}}",
        });

        var result = await RemoteScan.ScanAsync(Intake(TimeSpan.FromMinutes(1)), new AwsOptions("us-east-1", null, server.Endpoint));

        Assert.Equal(ExitCodes.AwsError, result.ExitCode);
        Assert.Contains($"denied: Athena: the denial query (q-1) {state}: {reason}", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("GetQueryResults", server.Operations);
        Assert.Empty(result.StdOut);
    }

    [Fact]
    public async Task AQueryStillRunningAfterTheTimeout_IsStopped_AndAnAwsError()
    {
        await using var server = new ScriptedJsonServer(new()
        {
            ["StartQueryExecution"] = Started,
            ["GetQueryExecution"] = """{"QueryExecution":{"Status":{"State":"RUNNING"}}}""",
            ["StopQueryExecution"] = "{}",
        });

        var result = await RemoteScan.ScanAsync(Intake(TimeSpan.FromMilliseconds(600)), new AwsOptions("us-east-1", null, server.Endpoint));

        Assert.Equal(ExitCodes.AwsError, result.ExitCode);
        Assert.Contains("was still RUNNING after --timeout", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("StopQueryExecution", server.Operations[^1]);
    }

    private static AthenaIntake Intake(TimeSpan timeout) =>
        new("logs.cloudtrail", "s3://r/", null, DateTimeOffset.UnixEpoch, null, [], [], null, false, timeout, TimeProvider.System);
}
