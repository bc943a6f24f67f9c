using Denied.Iam;

namespace Denied.Resources;

/// <summary>
/// queueUrl -> queue ARN. The account and name are the URL's last two path segments in every form
/// SQS issues: https://sqs.REGION.amazonaws.com/ACCT/NAME, the legacy https://queue.amazonaws.com/ACCT/NAME
/// and https://REGION.queue.amazonaws.com/ACCT/NAME, and VPC endpoint hosts
/// (https://vpce-ID.sqs.REGION.vpce.amazonaws.com/ACCT/NAME). The region is the record's: CloudTrail
/// records the call in the region of the endpoint that served it. queueName (CreateQueue, GetQueueUrl)
/// -> the queue in queueOwnerAWSAccountId or the record's account.
/// </summary>
internal sealed class SqsRequestResource : IRequestResourceRule
{
    public IEnumerable<ResourceCandidate> Candidates(ResourceContext context)
    {
        if (!context.Is("sqs"))
        {
            yield break;
        }

        if (context.String("queueUrl") is { } url)
        {
            if (Parse(url) is var (account, name))
            {
                yield return ResourceCandidate.ForType("queue", context.Values(("QueueName", name), ("Account", account)));
            }
            else
            {
                yield return ResourceCandidate.NoteOnly($"queueUrl {url} is not in a form SQS issues (https://HOST/ACCOUNT/NAME)");
            }
        }
        else if (context.String("queueName") is { } queueName)
        {
            yield return ResourceCandidate.ForType("queue", context.Values(("QueueName", queueName), ("Account", context.String("queueOwnerAWSAccountId"))));
        }
    }

    /// <summary>The queue's account and name from a queue URL, or null when the URL is in no form SQS issues.</summary>
    internal static (string Account, string Name)? Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 2 && AccountId.IsValid(segments[0]) && segments[1].Length > 0
            ? (segments[0], segments[1])
            : null;
    }
}
