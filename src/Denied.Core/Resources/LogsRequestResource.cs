namespace Denied.Resources;

/// <summary>
/// CloudWatch Logs: logGroupName + logStreamName -> the log-stream ARN (PutLogEvents, CreateLogStream
/// are authorised on it); logGroupName or logGroupIdentifier (a name or an ARN) -> the log-group ARN.
/// The patterns come from the IAM data, so the ARN has the exact form the reference documents.
/// </summary>
internal sealed class LogsRequestResource : IRequestResourceRule
{
    public IEnumerable<ResourceCandidate> Candidates(ResourceContext context)
    {
        if (!context.Is("logs") || (context.String("logGroupName") ?? context.String("logGroupIdentifier")) is not { } group)
        {
            yield break;
        }

        if (group.StartsWith("arn:", StringComparison.Ordinal))
        {
            yield return ResourceCandidate.ForArn(group);
            yield break;
        }

        if (context.String("logStreamName") is { } stream)
        {
            yield return ResourceCandidate.ForType("log-stream", context.Values(("LogGroupName", group), ("LogStreamName", stream)));
        }

        yield return ResourceCandidate.ForType("log-group", context.Values(("LogGroupName", group)));
    }
}
