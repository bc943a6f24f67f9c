namespace Denied.Remediation;

/// <summary>
/// The resource whose policy must change. <see cref="Arn"/> is the raw ARN of the resource that owns the policy
/// (the bucket for an object, the queue, the key), used verbatim in commands; statements use escaped copies.
/// </summary>
internal sealed record ResourcePolicyTarget(ResourcePolicyKind Kind, string Document, Arn Arn)
{
    /// <param name="resource">The denied resource ARN.</param>
    /// <param name="wildcardSuffix">
    /// Trailing wildcard characters of <paramref name="resource"/> (<see cref="IamLiteral.WildcardSuffix"/>): a secret
    /// named without its random suffix is addressed by its partial ARN (without "-??????"), which Secrets Manager accepts.
    /// </param>
    public static ResourcePolicyTarget? For(string? resource, int wildcardSuffix = 0)
    {
        var arn = Arn.TryParse(resource);
        if (arn is null)
        {
            return null;
        }

        if (arn.Service == "secretsmanager" && wildcardSuffix > 0 && arn.Resource.Length > wildcardSuffix + 1 && arn.Resource[^(wildcardSuffix + 1)] == '-')
        {
            arn = arn with { Resource = arn.Resource[..^(wildcardSuffix + 1)] };
        }

        return arn.Service switch
        {
            // The bucket policy is on the bucket; an object ARN is "bucket/key".
            "s3" => new(ResourcePolicyKind.Bucket, "bucket-policy", arn with { Resource = arn.Resource.Split('/')[0] }),
            "kms" => new(ResourcePolicyKind.Key, "key-policy", arn),
            "sqs" => new(ResourcePolicyKind.Queue, "queue-policy", arn),
            "sns" => new(ResourcePolicyKind.Topic, "topic-policy", arn),
            "lambda" => new(ResourcePolicyKind.Function, "function-policy", arn),
            "secretsmanager" => new(ResourcePolicyKind.Secret, "secret-policy", arn),
            // A role's only resource-based policy is its trust policy (IAM User Guide, "Role terms and concepts").
            "iam" when arn.Resource.StartsWith("role/", StringComparison.Ordinal) => new(ResourcePolicyKind.TrustPolicy, "trust-policy", arn),
            _ => new(ResourcePolicyKind.Other, "resource-policy", arn),
        };
    }

    /// <summary>The VPC endpoint policy for the service that was called; the endpoint id is not in the record.</summary>
    public static ResourcePolicyTarget Endpoint(Arn resource) => new(ResourcePolicyKind.VpcEndpoint, "vpc-endpoint-policy", resource);

    public string BucketName => Arn.Resource;

    /// <summary>The role name without its path: what `aws iam update-assume-role-policy --role-name` takes.</summary>
    public string RoleName => Arn.LastSegment;

    /// <summary>SQS commands and CloudFormation take the queue URL, which is derived from the ARN (SQS API reference).</summary>
    public string QueueUrl
    {
        get
        {
            var domain = Arn.Partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
            return $"https://sqs.{Arn.Region}.{domain}/{Arn.Account}/{Arn.Resource}";
        }
    }

    /// <summary>The endpoint service name ("com.amazonaws.us-east-1.s3") used to find the endpoint.</summary>
    public string EndpointServiceName(string? region) => $"com.amazonaws.{(Arn.Region.Length > 0 ? Arn.Region : region ?? "REGION")}.{Arn.Service}";

    public string ArnText => Arn.ToString();
}
