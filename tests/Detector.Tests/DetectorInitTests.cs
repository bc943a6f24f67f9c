using Amazon.DynamoDBv2.Model;
using Denied.Detector;
using Denied.LambdaRuntime.Settings;
using Denied.Store;
using Denied.TestSupport;
using Detector.Tests.Support;

namespace Detector.Tests;

/// <summary>A wrong deployment (table missing, index missing) fails at init, before any event is taken.</summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class DetectorInitTests(MotoServer moto)
{
    [Fact]
    public async Task TableMissingAnIndexFailsInitNamingTheIndex()
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        var request = FindingTableSchema.CreateTableRequest("findings-without-byrole");
        request.GlobalSecondaryIndexes.RemoveAll(g => g.IndexName == FindingTableSchema.ByRole.Name);
        request.AttributeDefinitions.RemoveAll(a => a.AttributeName == FindingTableSchema.ByRole.HashAttribute);
        await stack.Dynamo.CreateTableAsync(request);
        var env = stack.Environment();
        env["FINDINGS_TABLE"] = "findings-without-byrole";

        var e = await Assert.ThrowsAsync<FindingTableMismatchException>(() =>
            DetectorComposition.InitAsync(DetectorSettings.Read(new SettingsReader(env)), new StringWriter(), stack.Clock, CancellationToken.None));

        Assert.Contains("findings-without-byrole", e.Message, StringComparison.Ordinal);
        Assert.Contains("'byRole'", e.Message, StringComparison.Ordinal);
        Assert.Contains("is missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingTableFailsInitSayingSo()
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        var env = stack.Environment();
        env["FINDINGS_TABLE"] = "no-such-table";

        var e = await Assert.ThrowsAsync<FindingTableMismatchException>(() =>
            DetectorComposition.InitAsync(DetectorSettings.Read(new SettingsReader(env)), new StringWriter(), stack.Clock, CancellationToken.None));

        Assert.Contains("'no-such-table'", e.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TableWithoutItsStreamFailsInitBecauseTheNotifierReadsIt()
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        var request = FindingTableSchema.CreateTableRequest("findings-without-stream");
        request.StreamSpecification = new StreamSpecification { StreamEnabled = false };
        await stack.Dynamo.CreateTableAsync(request);
        var env = stack.Environment();
        env["FINDINGS_TABLE"] = "findings-without-stream";

        var e = await Assert.ThrowsAsync<FindingTableMismatchException>(() =>
            DetectorComposition.InitAsync(DetectorSettings.Read(new SettingsReader(env)), new StringWriter(), stack.Clock, CancellationToken.None));

        Assert.Contains("stream", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuccessfulInitLogsReadyWithTheTableName()
    {
        using var stack = await DetectorStack.CreateAsync(moto);

        var (_, output) = await stack.ComposeAsync();

        Assert.Contains("\"message\":\"detector ready\"", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"\"table\":\"{DetectorStack.Table}\"", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogLevelFromTheEnvironmentReachesTheFunctionsLog()
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        var env = stack.Environment();
        env["LOG_LEVEL"] = "ERROR";
        var output = new StringWriter();

        await DetectorComposition.InitAsync(DetectorSettings.Read(new SettingsReader(env)), output, stack.Clock, CancellationToken.None);

        // "detector ready" is an info line: written at the default level (test above), dropped at ERROR.
        Assert.DoesNotContain("detector ready", output.ToString(), StringComparison.Ordinal);
    }
}
