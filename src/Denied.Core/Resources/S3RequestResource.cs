namespace Denied.Resources;

/// <summary>
/// bucketName + key -> the object ARN (arn:aws:s3:::b/k); bucketName alone -> the bucket ARN.
/// The object comes first so an object action is never widened to its bucket, and s3:ListBucket,
/// which is authorised on the bucket ARN and not bucket/* (S3 actions reference), takes the bucket
/// even when a key is present because it lists no "object" type.
/// </summary>
internal sealed class S3RequestResource : IRequestResourceRule
{
    public IEnumerable<ResourceCandidate> Candidates(ResourceContext context)
    {
        if (!context.Is("s3") || context.String("bucketName") is not { } bucket)
        {
            yield break;
        }

        if (context.String("key") is { } key)
        {
            yield return ResourceCandidate.ForType("object", context.Values(("BucketName", bucket), ("ObjectName", key)));
        }

        yield return ResourceCandidate.ForType("bucket", context.Values(("BucketName", bucket)));
    }
}
