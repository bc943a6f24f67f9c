using Denied.LambdaRuntime.Observability;
using Template.Tests.Support;

namespace Template.Tests.Functions;

/// <summary>How the two functions are built, configured and triggered: the contract with their code.</summary>
public sealed class FunctionWiringTests
{
    [Theory]
    [InlineData("DetectorFunction")]
    [InlineData("NotifierFunction")]
    public async Task FunctionIsANativeBootstrapBuiltByTheMakefile(string function)
    {
        var t = await Templates.MainAsync();
        var f = t.Resource(function);

        Assert.Equal("provided.al2023", f.Required("Runtime").GetString());
        Assert.Equal("bootstrap", f.Required("Handler").GetString());
        Assert.True(Intrinsics.IsRef(Assert.Single(f.Required("Architectures").EnumerateArray()), "Architecture"));
        Assert.Equal("arm64", t.ParameterDefault("Architecture").GetString());
        Assert.Equal("makefile", f.Element.GetProperty("Metadata").GetProperty("BuildMethod").GetString());
    }

    [Fact]
    public async Task DetectorGetsTheSettingsItReads()
    {
        var t = await Templates.MainAsync();

        var variables = t.Resource("DetectorFunction").Required("Environment").GetProperty("Variables");

        Assert.Equal(
            ["DEAD_LETTER_QUEUE_URL", "FINDINGS_TABLE", "INVENTORY_ENABLED", "INVENTORY_TTL_SECONDS", "LOG_LEVEL", "METRICS_NAMESPACE",
                "POLICY_CACHE_SECONDS", "POLICY_LOOKUPS_PER_BATCH", "READ_POLICIES"],
            variables.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.True(Intrinsics.IsRef(variables.GetProperty("FINDINGS_TABLE"), "FindingsTable"));
        Assert.True(Intrinsics.IsRef(variables.GetProperty("DEAD_LETTER_QUEUE_URL"), "BufferDeadLetterQueue"));
        Assert.True(Intrinsics.IsRef(variables.GetProperty("INVENTORY_ENABLED"), "InventoryEnabled"));
        Assert.Equal("300", variables.GetProperty("INVENTORY_TTL_SECONDS").GetString());
        Assert.Equal("Denied", variables.GetProperty("METRICS_NAMESPACE").GetString());
        Assert.True(Intrinsics.IsRef(variables.GetProperty("READ_POLICIES"), "ReadPolicies"));
        Assert.Equal("true", t.ParameterDefault("ReadPolicies").GetString());
        Assert.Equal("300", variables.GetProperty("POLICY_CACHE_SECONDS").GetString());
        Assert.Equal("10", variables.GetProperty("POLICY_LOOKUPS_PER_BATCH").GetString());
    }

    [Fact]
    public async Task NotifierGetsTheSettingsItReads()
    {
        var t = await Templates.MainAsync();

        var variables = t.Resource("NotifierFunction").Required("Environment").GetProperty("Variables");

        Assert.Equal(
            ["COUNT_THRESHOLDS", "FINDINGS_TABLE", "LOG_LEVEL", "METRICS_NAMESPACE", "TOPIC_ARN"],
            variables.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.True(Intrinsics.IsRef(variables.GetProperty("TOPIC_ARN"), "NotificationTopic"));
        Assert.True(Intrinsics.IsRef(variables.GetProperty("COUNT_THRESHOLDS"), "CountThresholds"));
        Assert.Equal("100,1000,10000", t.ParameterDefault("CountThresholds").GetString());
    }

    [Fact]
    public async Task LogLevelParameterOffersExactlyTheLevelsTheFunctionsRead()
    {
        var t = await Templates.MainAsync();

        // A value the code refused would fail init after deployment; one it lacked could not be chosen.
        var parameter = t.Root.GetProperty("Parameters").GetProperty("LogLevel");
        Assert.Equal(LogLevels.Names, Json.Strings(parameter.GetProperty("AllowedValues")));
        Assert.True(LogLevels.TryParse(t.ParameterDefault("LogLevel").GetString(), out var level));
        Assert.Equal(LogLevel.Info, level);
        Assert.All(new[] { "DetectorFunction", "NotifierFunction" }, f =>
            Assert.True(Intrinsics.IsRef(t.Resource(f).Required("Environment").GetProperty("Variables").GetProperty("LOG_LEVEL"), "LogLevel"), f));
    }

    [Fact]
    public async Task DetectorTakesBatchesFromTheBufferQueueAndReportsFailedItems()
    {
        var t = await Templates.MainAsync();

        var mapping = t.Resource("DetectorFunctionBuffer");

        Assert.True(Intrinsics.IsGetAtt(mapping.Required("EventSourceArn"), "BufferQueue", "Arn"));
        Assert.True(Intrinsics.IsRef(mapping.Required("BatchSize"), "DetectorBatchSize"));
        Assert.True(Intrinsics.IsRef(mapping.Required("MaximumBatchingWindowInSeconds"), "DetectorBatchingWindowSeconds"));
        Assert.Equal(100, Json.Number(t.ParameterDefault("DetectorBatchSize")));
        Assert.Equal(5, Json.Number(t.ParameterDefault("DetectorBatchingWindowSeconds")));
        Assert.Equal(["ReportBatchItemFailures"], Json.Strings(mapping.Required("FunctionResponseTypes")));
    }

    [Fact]
    public async Task NotifierReadsOnlyOpenFindingsFromTheStreamAndReportsFailedItems()
    {
        var t = await Templates.MainAsync();

        var mapping = t.Resource("NotifierFunctionFindings");
        var filter = Assert.Single(mapping.Required("FilterCriteria").GetProperty("Filters").EnumerateArray());

        Assert.Equal("TRIM_HORIZON", mapping.Required("StartingPosition").GetString());
        Assert.Equal(25, Json.Number(mapping.Required("BatchSize")));
        Assert.Equal(["ReportBatchItemFailures"], Json.Strings(mapping.Required("FunctionResponseTypes")));
        Assert.True(System.Text.Json.JsonElement.DeepEquals(
            Json.Parse("""{"dynamodb":{"NewImage":{"sk":{"S":["FINDING"]},"status":{"S":["open"]}}}}"""),
            Json.Parse(filter.GetProperty("Pattern").GetString()!)));
    }

    [Theory]
    [InlineData("DetectorLogGroup")]
    [InlineData("NotifierLogGroup")]
    public async Task LogGroupIsKeptForTheConfiguredRetention(string logGroup)
    {
        var t = await Templates.MainAsync();

        Assert.True(Intrinsics.IsRef(t.Resource(logGroup).Required("RetentionInDays"), "LogRetentionInDays"));
        Assert.Equal(30, Json.Number(t.ParameterDefault("LogRetentionInDays")));
    }
}
