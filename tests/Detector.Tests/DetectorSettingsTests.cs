using Denied.Detector;
using Denied.LambdaRuntime.Observability;
using Denied.LambdaRuntime.Settings;

namespace Detector.Tests;

/// <summary>Settings are read once; a bad one fails init with one message naming each bad variable.</summary>
public sealed class DetectorSettingsTests
{
    private static Dictionary<string, string?> Valid() => new(StringComparer.Ordinal)
    {
        ["AWS_REGION"] = "eu-west-1",
        ["FINDINGS_TABLE"] = "denied-findings",
        ["DEAD_LETTER_QUEUE_URL"] = "https://sqs.eu-west-1.amazonaws.com/111122223333/denied-buffer-dlq",
        ["INVENTORY_ENABLED"] = "true",
        ["INVENTORY_TTL_SECONDS"] = "600",
        ["SUPPRESSION_TTL_SECONDS"] = "30",
        ["METRICS_NAMESPACE"] = "Denied/Test",
        ["AWS_LAMBDA_FUNCTION_NAME"] = "denied-detector-prod",
        ["LOG_LEVEL"] = "warn",
        ["READ_POLICIES"] = "true",
        ["POLICY_CACHE_SECONDS"] = "120",
        ["POLICY_LOOKUPS_PER_BATCH"] = "4",
    };

    [Fact]
    public void ValidEnvironmentIsReadIntoEveryField()
    {
        var settings = DetectorSettings.Read(new SettingsReader(Valid()));

        Assert.Equal(new DetectorSettings("eu-west-1", "denied-findings", "https://sqs.eu-west-1.amazonaws.com/111122223333/denied-buffer-dlq",
            true, TimeSpan.FromSeconds(600), TimeSpan.FromSeconds(30), "Denied/Test", "denied-detector-prod", null)
        {
            LogLevel = LogLevel.Warn,
            ReadPolicies = true,
            PolicyCachePeriod = TimeSpan.FromMinutes(2),
            PolicyLookupsPerBatch = 4,
        }, settings);
    }

    [Fact]
    public void OptionalSettingsTakeTheirDocumentedDefaults()
    {
        var settings = DetectorSettings.Read(new SettingsReader(new Dictionary<string, string?> { ["AWS_REGION"] = "us-east-1", ["FINDINGS_TABLE"] = "t-1" }));

        Assert.Null(settings.DeadLetterQueueUrl);
        Assert.False(settings.InventoryEnabled);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.InventoryTtl);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.SuppressionTtl);
        Assert.Equal("Denied", settings.MetricsNamespace);
        Assert.Null(settings.EndpointOverride);
        Assert.Equal(LogLevel.Info, settings.LogLevel);
        Assert.False(settings.ReadPolicies);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.PolicyCachePeriod);
        Assert.Equal(10, settings.PolicyLookupsPerBatch);
    }

    public static TheoryData<string, string?> BadValues => new()
    {
        { "FINDINGS_TABLE", null },
        { "FINDINGS_TABLE", "" },
        { "FINDINGS_TABLE", "a b" },
        { "AWS_REGION", null },
        { "AWS_REGION", "Europe" },
        { "AWS_REGION", "us-east-1; rm -rf" },
        { "INVENTORY_ENABLED", "yes" },
        { "INVENTORY_ENABLED", "1" },
        { "INVENTORY_TTL_SECONDS", "5" },
        { "INVENTORY_TTL_SECONDS", "ten" },
        { "SUPPRESSION_TTL_SECONDS", "-1" },
        { "DEAD_LETTER_QUEUE_URL", "not a url" },
        { "DENIED_AWS_ENDPOINT_URL", "ftp://127.0.0.1" },
        { "LOG_LEVEL", "Information" },
        { "LOG_LEVEL", "verbose" },
        { "READ_POLICIES", "on" },
        { "POLICY_CACHE_SECONDS", "-5" },
        { "POLICY_LOOKUPS_PER_BATCH", "101" },
        { "POLICY_LOOKUPS_PER_BATCH", "many" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void BadSettingFailsWithAMessageNamingTheVariable(string name, string? value)
    {
        var env = Valid();
        env[name] = value;

        var e = Assert.Throws<InvalidSettingsException>(() => DetectorSettings.Read(new SettingsReader(env)));

        Assert.Contains(name, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("Detector settings are invalid", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryBadSettingIsNamedInOneMessage()
    {
        var env = Valid();
        env.Remove("FINDINGS_TABLE");
        env["INVENTORY_ENABLED"] = "maybe";
        env["AWS_REGION"] = "mars-1";

        var e = Assert.Throws<InvalidSettingsException>(() => DetectorSettings.Read(new SettingsReader(env)));

        Assert.Contains("FINDINGS_TABLE is not set", e.Message, StringComparison.Ordinal);
        Assert.Contains("INVENTORY_ENABLED is not valid (expected true or false)", e.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_REGION is not valid", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownLogLevelNamesTheAllowedValues()
    {
        var env = Valid();
        env["LOG_LEVEL"] = "Warning";

        var e = Assert.Throws<InvalidSettingsException>(() => DetectorSettings.Read(new SettingsReader(env)));

        Assert.Contains("LOG_LEVEL is not valid (expected DEBUG, INFO, WARN or ERROR)", e.Message, StringComparison.Ordinal);
    }
}
