namespace Denied.Detector.LivePolicies;

/// <summary>
/// The ARN whose resource-based policy governs a resource, which is what the cache keys a resource by: the bucket of
/// an S3 object (bucket policies attach to buckets), the table of a DynamoDB index (an index has no policy of its own;
/// a stream has), the resource itself elsewhere. Null for a service <see cref="AwsClients.Policies.ResourcePolicyReader"/>
/// has no reader for, or for anything that is not an ARN: no read is made, and the layer is unseen.
/// </summary>
public static class PolicyHolder
{
    private static readonly HashSet<string> Readable = new(StringComparer.Ordinal) { "s3", "kms", "sqs", "sns", "lambda", "secretsmanager", "dynamodb" };

    public static string? Of(string resourceArn)
    {
        ArgumentNullException.ThrowIfNull(resourceArn);
        var parts = resourceArn.Split(':', 6);
        if (parts.Length < 6 || parts[0] != "arn" || !Readable.Contains(parts[2]) || parts[5].Length == 0)
        {
            return null;
        }

        var resource = parts[5];
        switch (parts[2])
        {
            case "s3":
                return $"arn:{parts[1]}:s3:::{resource.Split('/', 2)[0]}";
            case "dynamodb":
                var segments = resource.Split('/');
                return segments.Length >= 4 && segments[2] == "stream"
                    ? resourceArn
                    : $"arn:{parts[1]}:dynamodb:{parts[3]}:{parts[4]}:{string.Join('/', segments.Take(2))}";
            default:
                return resourceArn;
        }
    }
}
