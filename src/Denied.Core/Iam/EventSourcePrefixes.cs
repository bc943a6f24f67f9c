namespace Denied.Iam;

/// <summary>
/// CloudTrail eventSource hosts whose first label is not the IAM service prefix. Everything else
/// maps by rule: "kms.amazonaws.com" -> "kms" when IAM defines that prefix. The IAM data package
/// carries no eventSource field, so the exceptions are listed here (trailscraper's and iam-dataset's known mismatches;
/// the Service Authorization Reference gives each service's prefix).
/// </summary>
internal static class EventSourcePrefixes
{
    private static readonly Dictionary<string, string> Exceptions = new(StringComparer.OrdinalIgnoreCase)
    {
        // CloudWatch's API endpoint is "monitoring"; its IAM prefix is "cloudwatch".
        ["monitoring.amazonaws.com"] = "cloudwatch",

        // DynamoDB Streams calls (GetRecords, GetShardIterator) are dynamodb: actions.
        ["streams.dynamodb.amazonaws.com"] = "dynamodb",

        // Resource Groups Tagging API.
        ["tagging.amazonaws.com"] = "tag",

        ["appstream2.amazonaws.com"] = "appstream",
        ["models.lex.amazonaws.com"] = "lex",
        ["runtime.lex.amazonaws.com"] = "lex",

        // Amazon Pinpoint's IAM prefix is "mobiletargeting".
        ["pinpoint.amazonaws.com"] = "mobiletargeting",

        // AppConfig's data plane (StartConfigurationSession, GetLatestConfiguration) is authorised as appconfig:.
        ["appconfigdata.amazonaws.com"] = "appconfig",

        ["runtime.sagemaker.amazonaws.com"] = "sagemaker",

        // The RDS Data API (ExecuteStatement, BatchExecuteStatement, Begin/Commit/RollbackTransaction) logs as
        // "rdsdataapi" (EventBridge reference, "Amazon RDS Data API events"); its IAM prefix is "rds-data".
        ["rdsdataapi.amazonaws.com"] = "rds-data",
    };

    /// <summary>The IAM prefix for an eventSource, or null when neither the table nor the rule knows it.</summary>
    public static string? Resolve(string eventSource, Func<string, bool> hasService)
    {
        var host = eventSource.Trim();
        if (Exceptions.TryGetValue(host, out var prefix))
        {
            return prefix;
        }

        // "s3.amazonaws.com" (also seen as "s3.amazonaws.com.cn" in China partitions) -> "s3".
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !host.Contains(".amazonaws.com", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var label = host[..dot].ToLowerInvariant();
        return hasService(label) ? label : null;
    }
}
