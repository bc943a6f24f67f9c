namespace Denied.Classification;

/// <summary>
/// Turns the service name Lambda writes in its up-front role checks ("on SQS", "on EC2") into the
/// IAM action prefix. Unknown names fall back to lower case, which is right for most services.
/// </summary>
internal static class ServicePrefixes
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SQS"] = "sqs",
        ["EC2"] = "ec2",
        ["Kinesis"] = "kinesis",
        ["DynamoDB"] = "dynamodb",
        ["KMS"] = "kms",
        ["SNS"] = "sns",
        ["S3"] = "s3",
        ["MSK"] = "kafka",
        ["Kafka"] = "kafka",
        ["MQ"] = "mq",
        ["CloudWatchLogs"] = "logs",
        ["Logs"] = "logs",
        ["XRay"] = "xray",
        ["X-Ray"] = "xray",
    };

    /// <summary>"sqs:ReceiveMessage" from ("SQS", "ReceiveMessage"); null when either part is missing.</summary>
    public static string? Action(string? service, string? operation)
    {
        if (string.IsNullOrWhiteSpace(service) || string.IsNullOrWhiteSpace(operation))
        {
            return null;
        }

        var prefix = Known.TryGetValue(service, out var known) ? known : service.ToLowerInvariant();
        return prefix + ":" + operation;
    }
}
