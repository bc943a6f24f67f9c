using System.Text.RegularExpressions;
using Denied.LambdaRuntime.Observability;
using Denied.LambdaRuntime.Settings;

namespace Denied.Detector;

/// <summary>Every setting of the Detector, read once at init from its environment (template.yaml sets them).</summary>
public sealed partial record DetectorSettings(
    string Region,
    string TableName,
    string? DeadLetterQueueUrl,
    bool InventoryEnabled,
    TimeSpan InventoryTtl,
    TimeSpan SuppressionTtl,
    string MetricsNamespace,
    string FunctionName,
    Uri? EndpointOverride)
{
    /// <summary>LOG_LEVEL: the lowest level the function logs (default INFO).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Info;

    /// <summary>
    /// READ_POLICIES: evaluate each finding against the live policies of its role and resource, read with the
    /// Detector's own role (default false here; template.yaml's ReadPolicies parameter defaults to true).
    /// </summary>
    public bool ReadPolicies { get; init; }

    /// <summary>POLICY_CACHE_SECONDS: how long a role's or a resource's policies, or the failure to read them, are reused (default 300).</summary>
    public TimeSpan PolicyCachePeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>POLICY_LOOKUPS_PER_BATCH: the most roles and resources one batch reads that the cache does not hold (default 10).</summary>
    public int PolicyLookupsPerBatch { get; init; } = 10;

    public static DetectorSettings Read(SettingsReader env)
    {
        var settings = new DetectorSettings(
            Region: env.Required("AWS_REGION", r => RegionPattern().IsMatch(r), "an AWS region such as us-east-1"),
            TableName: env.Required("FINDINGS_TABLE", t => TablePattern().IsMatch(t), "a DynamoDB table name: 3-255 of A-Z a-z 0-9 _ . -"),
            DeadLetterQueueUrl: env.Optional("DEAD_LETTER_QUEUE_URL"),
            InventoryEnabled: env.Bool("INVENTORY_ENABLED", false),
            InventoryTtl: TimeSpan.FromSeconds(env.Int("INVENTORY_TTL_SECONDS", 300, 30, 86_400)),
            SuppressionTtl: TimeSpan.FromSeconds(env.Int("SUPPRESSION_TTL_SECONDS", 60, 0, 3_600)),
            MetricsNamespace: env.Optional("METRICS_NAMESPACE") ?? "Denied",
            FunctionName: env.Optional("AWS_LAMBDA_FUNCTION_NAME") ?? "denied-detector",
            EndpointOverride: env.OptionalUri("DENIED_AWS_ENDPOINT_URL"))
        {
            LogLevel = env.Level("LOG_LEVEL", LogLevel.Info),
            ReadPolicies = env.Bool("READ_POLICIES", false),
            PolicyCachePeriod = TimeSpan.FromSeconds(env.Int("POLICY_CACHE_SECONDS", 300, 0, 86_400)),
            PolicyLookupsPerBatch = env.Int("POLICY_LOOKUPS_PER_BATCH", 10, 0, 100),
        };
        env.Check(settings.DeadLetterQueueUrl is null || Uri.IsWellFormedUriString(settings.DeadLetterQueueUrl, UriKind.Absolute),
            "DEAD_LETTER_QUEUE_URL is not valid (expected the URL of the buffer queue's dead-letter queue)");
        env.ThrowIfInvalid("Detector");
        return settings;
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-\\d$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,255}$")]
    private static partial Regex TablePattern();
}
