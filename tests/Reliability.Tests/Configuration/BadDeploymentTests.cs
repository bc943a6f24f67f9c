using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Denied.Detector;
using Denied.LambdaRuntime.Settings;
using Denied.Notifier;
using Denied.TestSupport;
using Reliability.Tests.Support;

namespace Reliability.Tests.Configuration;

/// <summary>
/// Bad configuration and bad deployments (issue part 4) fail both functions at init, before any event, with a
/// message that names what to fix: the variable, the table and what it lacks, or the endpoint.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class BadDeploymentTests(MotoServer moto)
{
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:denied-findings";

    [Theory]
    [InlineData("FINDINGS_TABLE", null, "FINDINGS_TABLE")]
    [InlineData("FINDINGS_TABLE", "no spaces allowed", "FINDINGS_TABLE")]
    [InlineData("AWS_REGION", "moon-1", "AWS_REGION")]
    [InlineData("AWS_REGION", null, "AWS_REGION")]
    [InlineData("TOPIC_ARN", null, "TOPIC_ARN")]
    [InlineData("TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:denied.fifo", "TOPIC_ARN")]
    [InlineData("COUNT_THRESHOLDS", "10,-5", "COUNT_THRESHOLDS")]
    [InlineData("DENIED_AWS_ENDPOINT_URL", "not a url", "DENIED_AWS_ENDPOINT_URL")]
    [InlineData("DEAD_LETTER_QUEUE_URL", "queue", "DEAD_LETTER_QUEUE_URL")]
    [InlineData("INVENTORY_ENABLED", "yes please", "INVENTORY_ENABLED")]
    public void AMissingOrWrongSettingFailsInitNamingTheVariable(string name, string? value, string named)
    {
        var env = Environment("http://127.0.0.1:4566");
        env[name] = value;

        var detector = Record.Exception(() => DetectorSettings.Read(new SettingsReader(env)));
        var notifier = Record.Exception(() => NotifierSettings.Read(new SettingsReader(env)));

        var failures = new[] { detector, notifier }.OfType<InvalidSettingsException>().ToList();
        Assert.NotEmpty(failures);
        Assert.All(failures, e => Assert.Contains(named, e.Message, StringComparison.Ordinal));
        Assert.All(new[] { detector, notifier }, e => Assert.True(e is null or InvalidSettingsException, e?.ToString()));
    }

    [Fact]
    public async Task ATableWithoutTheIndexesFailsBothFunctionsAtInitNamingTheMissingIndex()
    {
        await moto.ResetAsync();
        using var dynamo = DetectorRig.Dynamo(moto.EndpointUrl);
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = DetectorRig.Table,
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH), new KeySchemaElement("sk", KeyType.RANGE)],
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S), new AttributeDefinition("sk", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });

        foreach (var init in Inits(moto.EndpointUrl))
        {
            var e = await Assert.ThrowsAnyAsync<Exception>(init);
            Assert.Contains(DetectorRig.Table, e.Message, StringComparison.Ordinal);
            Assert.Contains("byStatus", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AMissingTableFailsBothFunctionsAtInitSayingItDoesNotExist()
    {
        await moto.ResetAsync();

        foreach (var init in Inits(moto.EndpointUrl))
        {
            var e = await Assert.ThrowsAnyAsync<Exception>(init);
            Assert.Contains(DetectorRig.Table, e.Message, StringComparison.Ordinal);
            Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnUnreachableEndpointFailsBothFunctionsAtInitNamingTheTableCall()
    {
        foreach (var init in Inits("http://127.0.0.1:9"))
        {
            var e = await Assert.ThrowsAnyAsync<Exception>(init);
            Assert.Contains("DescribeTable", e.Message, StringComparison.Ordinal);
            Assert.Contains(DetectorRig.Table, e.Message, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<Func<Task>> Inits(string endpoint)
    {
        var env = Environment(endpoint);
        var clock = new FixedClock();
        yield return () => DetectorComposition.InitAsync(DetectorSettings.Read(new SettingsReader(env)), TextWriter.Null, clock, CancellationToken.None);
        yield return () => NotifierComposition.InitAsync(NotifierSettings.Read(new SettingsReader(env)), TextWriter.Null, clock, CancellationToken.None);
    }

    private static Dictionary<string, string?> Environment(string endpoint) => new(StringComparer.Ordinal)
    {
        ["AWS_REGION"] = MotoServer.Region,
        ["FINDINGS_TABLE"] = DetectorRig.Table,
        ["TOPIC_ARN"] = Topic,
        ["AWS_LAMBDA_FUNCTION_NAME"] = "denied",
        ["DENIED_AWS_ENDPOINT_URL"] = endpoint,
    };
}
