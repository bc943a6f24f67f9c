using Denied.Remediation;

namespace Denied.Resources;

/// <summary>
/// The resource an error message names, made fit for a policy's Resource element. An ARN (or "*") is kept as
/// written. SQS's query-protocol message names the queue by URL ("Access to the resource
/// https://sqs.REGION.amazonaws.com/ACCOUNT/QUEUE is denied."), which becomes the queue ARN the same way a
/// queueUrl request parameter does (<see cref="SqsRequestResource"/>). Anything else is no ARN: IAM would match
/// nothing with it, so it is dropped, with a note, and the resource is derived from the rest of the record.
/// </summary>
internal static class MessageResource
{
    /// <summary>The ARN to use (null when there is none) and a note when the message's text was converted or dropped.</summary>
    /// <param name="text">The resource as the message wrote it (unquoted), or null.</param>
    /// <param name="region">The record's awsRegion, which is the queue's (CloudTrail logs the call where the endpoint served it).</param>
    public static (string? Arn, string? Note) ToArn(string? text, string? region)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        var trimmed = text.Trim();
        if (IsPolicyResource(trimmed))
        {
            return (trimmed, null);
        }

        if (SqsRequestResource.Parse(trimmed) is var (account, name) && !string.IsNullOrWhiteSpace(region))
        {
            return ($"arn:{Partitions.ForRegion(region)}:sqs:{region}:{account}:{name}",
                "the message names the queue by its URL; IAM policies name it by ARN, built from the URL's account and name and the record's region");
        }

        return (null, "the message names the resource in a form that is not an ARN, which a policy cannot use; the resource was taken from the rest of the record");
    }

    /// <summary>
    /// EC2 authorizes the creation of a resource that has no ID yet against "arn:...:ec2:REGION:ACCOUNT:TYPE/*" and
    /// names that in its message ("... on resource: arn:aws:ec2:us-east-1::snapshot/*"). The "*" is AWS's wildcard,
    /// not part of a name, so the statement keeps it; any other wildcard in a message resource stands only where the record
    /// confirms it (<see cref="ResourceResolver"/>), and is then escaped as a literal.
    /// </summary>
    public static bool IsEc2CreationWildcard(string? arn) =>
        arn is not null && Arn.TryParse(arn) is { Service: "ec2" } parsed
        && parsed.Resource.Length > 2 && parsed.Resource.EndsWith("/*", StringComparison.Ordinal)
        && parsed.Resource[..^2].All(c => char.IsAsciiLetterLower(c) || c == '-');

    /// <summary>True for "*" and for text shaped like an ARN ("arn:partition:service:region:account:resource").</summary>
    public static bool IsPolicyResource(string? text) =>
        text == "*" || (text?.StartsWith("arn:", StringComparison.Ordinal) == true && text.Split(':', 6).Length == 6);
}
