using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Denied.AwsClients.Policies;

/// <summary>
/// Reads the resource-based policy of a resource named by ARN, with the AWS SDK where the package is served
/// (S3 GetBucketPolicy, KMS GetKeyPolicy of the <c>default</c> policy, SQS GetQueueUrl + GetQueueAttributes
/// <c>Policy</c>, DynamoDB GetResourcePolicy) and the hand-written clients elsewhere (SNS, Lambda, Secrets
/// Manager). A resource without a policy is <see cref="PolicyReadOutcome.Absent"/>; a refused or failed read is
/// reported, never thrown. The SDK clients are bound to one region: a resource in another region fails with the
/// service's own error. Tested against moto with one resource of each kind.
/// </summary>
public sealed class ResourcePolicyReader(
    IAmazonS3 s3,
    IAmazonKeyManagementService kms,
    IAmazonSQS sqs,
    IAmazonDynamoDB dynamo,
    SnsTopicPolicyClient sns,
    LambdaPolicyClient lambda,
    SecretsManagerPolicyClient secrets)
{
    private static readonly HashSet<string> Services = new(StringComparer.Ordinal) { "s3", "kms", "sqs", "sns", "lambda", "secretsmanager", "dynamodb" };

    /// <summary>The reads this reader makes, by the names <see cref="PolicyRead.Read"/> carries.</summary>
    public static readonly IReadOnlySet<string> ReadNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "s3:GetBucketPolicy", "kms:GetKeyPolicy", "sqs:GetQueueAttributes", "sns:GetTopicAttributes", "lambda:GetPolicy",
        "secretsmanager:GetResourcePolicy", "dynamodb:GetResourcePolicy", "unknown",
    };

    /// <summary>
    /// Whether the resource is one whose policy this reader reads: an ARN of a covered service, with no wildcard
    /// (a denial on <c>*</c> or a pattern names no one resource).
    /// </summary>
    public static bool Covers(string resourceArn) =>
        resourceArn.Split(':', 6) is { Length: 6 } parts && parts[0] == "arn" && Services.Contains(parts[2])
        && !resourceArn.Contains('*', StringComparison.Ordinal) && !resourceArn.Contains('?', StringComparison.Ordinal);

    public async Task<ResourcePolicyRead> ReadAsync(string resourceArn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(resourceArn);
        var parts = resourceArn.Split(':', 6);
        if (parts.Length < 6 || parts[0] != "arn")
        {
            return Failed("unknown", resourceArn, "not an ARN (arn:partition:service:region:account:resource)");
        }

        var (service, region, account, resource) = (parts[2], parts[3], parts[4], parts[5]);
        switch (service)
        {
            case "s3":
                var bucketArn = $"arn:{parts[1]}:s3:::{resource.Split('/', 2)[0]}";
                return await ReadAsync("s3:GetBucketPolicy", bucketArn, async () =>
                {
                    try
                    {
                        var reply = await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = resource.Split('/', 2)[0] }, ct).ConfigureAwait(false);
                        if ((int)reply.HttpStatusCode is < 200 or > 299)
                        {
                            // AWSSDK.S3 4.1 returns a 4xx GetBucketPolicy reply with the error XML as Policy instead of throwing.
                            var error = QueryProtocolXml.ReadError(System.Text.Encoding.UTF8.GetBytes(reply.Policy ?? string.Empty));
                            if (error.Code == "NoSuchBucketPolicy")
                            {
                                return null;
                            }

                            throw new AwsServiceException(
                                "GetBucketPolicy", bucketArn, (int)reply.HttpStatusCode, error.Code, false, error.Message ?? "no error message");
                        }

                        return Parse(reply.Policy);
                    }
                    catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucketPolicy")
                    {
                        return null;
                    }
                }).ConfigureAwait(false);
            case "kms" when resource.StartsWith("alias/", StringComparison.Ordinal):
                return Failed("kms:GetKeyPolicy", resourceArn, "an alias ARN: GetKeyPolicy takes the key ID or key ARN, which the alias does not give");
            case "kms":
                return await ReadAsync("kms:GetKeyPolicy", resourceArn, async () =>
                {
                    var reply = await kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = resourceArn, PolicyName = "default" }, ct).ConfigureAwait(false);
                    return Parse(reply.Policy);
                }).ConfigureAwait(false);
            case "sqs":
                return await ReadAsync("sqs:GetQueueAttributes", resourceArn, async () =>
                {
                    var url = await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = resource, QueueOwnerAWSAccountId = account }, ct).ConfigureAwait(false);
                    var reply = await sqs.GetQueueAttributesAsync(
                        new GetQueueAttributesRequest { QueueUrl = url.QueueUrl, AttributeNames = ["Policy"] }, ct).ConfigureAwait(false);
                    return reply.Attributes is { } attributes && attributes.TryGetValue("Policy", out var policy) ? Parse(policy) : null;
                }).ConfigureAwait(false);
            case "sns":
                return await ReadAsync("sns:GetTopicAttributes", resourceArn, () => sns.GetTopicPolicyAsync(resourceArn, ct)).ConfigureAwait(false);
            case "lambda":
                return await ReadAsync("lambda:GetPolicy", resourceArn, () => lambda.GetFunctionPolicyAsync(resourceArn, ct)).ConfigureAwait(false);
            case "secretsmanager":
                return await ReadAsync("secretsmanager:GetResourcePolicy", resourceArn, () => secrets.GetSecretPolicyAsync(resourceArn, ct)).ConfigureAwait(false);
            case "dynamodb":
                // Streams carry their own policy; an index is governed by its table's.
                var segments = resource.Split('/');
                var holder = segments.Length >= 4 && segments[2] == "stream"
                    ? resourceArn
                    : $"arn:{parts[1]}:dynamodb:{region}:{account}:{string.Join('/', segments.Take(2))}";
                return await ReadAsync("dynamodb:GetResourcePolicy", holder, async () =>
                {
                    try
                    {
                        var reply = await dynamo.GetResourcePolicyAsync(new GetResourcePolicyRequest { ResourceArn = holder }, ct).ConfigureAwait(false);
                        return Parse(reply.Policy);
                    }
                    catch (PolicyNotFoundException)
                    {
                        return null;
                    }
                }).ConfigureAwait(false);
            default:
                return Failed("unknown", resourceArn, $"no resource-policy reader for service '{service}'");
        }
    }

    private static async Task<ResourcePolicyRead> ReadAsync(string read, string policyArn, Func<Task<JsonObject?>> call)
    {
        try
        {
            var document = await call().ConfigureAwait(false);
            return new ResourcePolicyRead(
                policyArn, document, new PolicyRead(read, policyArn, null, document is null ? PolicyReadOutcome.Absent : PolicyReadOutcome.Read, null));
        }
        catch (Exception e) when (PolicyReadFailure.IsReadFailure(e))
        {
            return new ResourcePolicyRead(policyArn, null, PolicyReadFailure.Describe(read, policyArn, null, e));
        }
    }

    private static JsonObject? Parse(string? text) => text is { Length: > 0 } ? PolicyDocumentText.Parse(text, urlEncoded: false) : null;

    private static ResourcePolicyRead Failed(string read, string arn, string reason) =>
        new(arn, null, new PolicyRead(read, arn, null, PolicyReadOutcome.Failed, reason));
}
