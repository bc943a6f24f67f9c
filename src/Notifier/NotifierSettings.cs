using System.Globalization;
using System.Text.RegularExpressions;
using Denied.LambdaRuntime.Observability;
using Denied.LambdaRuntime.Settings;

namespace Denied.Notifier;

/// <summary>
/// Every setting of the Notifier, read once at init from its environment (template.yaml sets them):
/// AWS_REGION, FINDINGS_TABLE, TOPIC_ARN (an SNS topic ARN), COUNT_THRESHOLDS (comma-separated positive whole
/// numbers, default "100,1000,10000"; "none" turns threshold notifications off), METRICS_NAMESPACE (default
/// "Denied"), LOG_LEVEL (DEBUG, INFO, WARN or ERROR, any case; default INFO), AWS_LAMBDA_FUNCTION_NAME (set by Lambda) and DENIED_AWS_ENDPOINT_URL (an endpoint for every AWS
/// call, for local stacks; unset in AWS). A bad value fails init with one message naming each bad variable.
/// </summary>
public sealed partial record NotifierSettings(
    string Region,
    string TableName,
    string TopicArn,
    IReadOnlyList<long> CountThresholds,
    string MetricsNamespace,
    string FunctionName,
    Uri? EndpointOverride)
{
    /// <summary>LOG_LEVEL: the lowest level the function logs (default INFO).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Info;

    public const string DefaultThresholds = "100,1000,10000";

    public static NotifierSettings Read(SettingsReader env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var thresholdText = env.Optional("COUNT_THRESHOLDS") ?? DefaultThresholds;
        var thresholds = ParseThresholds(thresholdText);
        env.Check(thresholds is not null, "COUNT_THRESHOLDS is not valid (expected comma-separated positive whole numbers such as 100,1000,10000, or none)");
        var settings = new NotifierSettings(
            Region: env.Required("AWS_REGION", r => RegionPattern().IsMatch(r), "an AWS region such as us-east-1"),
            TableName: env.Required("FINDINGS_TABLE", t => TablePattern().IsMatch(t), "a DynamoDB table name: 3-255 of A-Z a-z 0-9 _ . -"),
            TopicArn: env.Required("TOPIC_ARN", t => TopicArnPattern().IsMatch(t), "a standard (not FIFO) SNS topic ARN such as arn:aws:sns:us-east-1:123456789012:denied-findings"),
            CountThresholds: thresholds ?? [],
            MetricsNamespace: env.Optional("METRICS_NAMESPACE") ?? "Denied",
            FunctionName: env.Optional("AWS_LAMBDA_FUNCTION_NAME") ?? "denied-notifier",
            EndpointOverride: env.OptionalUri("DENIED_AWS_ENDPOINT_URL"))
        {
            LogLevel = env.Level("LOG_LEVEL", LogLevel.Info),
        };
        env.Check(settings.EndpointOverride is null || (settings.EndpointOverride.AbsolutePath == "/" && settings.EndpointOverride.Query.Length == 0),
            "DENIED_AWS_ENDPOINT_URL is not valid (expected an http(s) URL without a path, such as http://127.0.0.1:5000)");
        env.ThrowIfInvalid("Notifier");
        return settings;
    }

    /// <summary>Distinct thresholds in ascending order; empty for "none"; null when any part is not a positive whole number.</summary>
    public static IReadOnlyList<long>? ParseThresholds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var values = new SortedSet<long>();
        foreach (var part in text.Split(','))
        {
            if (!long.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
            {
                return null;
            }

            values.Add(n);
        }

        return values.ToList();
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-\\d$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,255}$")]
    private static partial Regex TablePattern();

    // arn:partition:sns:region:account:name, names 1-256 of A-Z a-z 0-9 _ - (SNS CreateTopic). A FIFO topic (".fifo")
    // is refused: Publish to it needs a MessageGroupId, and Q Developer subscribes to standard topics only.
    [GeneratedRegex("^arn:aws(-[a-z]+)*:sns:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex TopicArnPattern();
}
