using System.Text.Json;
using Denied.CloudTrail;
using Denied.Remediation;

namespace Denied.Resources;

/// <summary>
/// Whether the S3 bucket an error message names can be the bucket of the request. S3 writes the message and CloudTrail
/// the request parameters from one request, so a message naming a bucket that neither requestParameters (bucketName,
/// a copy's source) nor resources[] names belongs to a rewritten or forged record, and a bucket name S3 cannot hold (general purpose bucket
/// names are lowercase ASCII letters, digits, '.' and '-': S3 User Guide, "General purpose bucket naming rules") is no
/// bucket at all, e.g. one spelled with a Cyrillic lookalike letter. Either way the message's resource is not the
/// evaluated resource, and no grant is built on it.
/// </summary>
internal static class MessageBucketCheck
{
    /// <summary>Why the message's S3 resource is not the request's, or null when it agrees (or names no S3 bucket).</summary>
    public static string? Disagreement(CloudTrailRecord record, string messageArn)
    {
        // Only arn:PARTITION:s3:::BUCKET[/KEY] names a bucket; access point ARNs carry a region and account.
        if (!TryBucket(messageArn, out var bucketSpan))
        {
            return null;
        }

        var bucket = bucketSpan.ToString();
        var requested = RequestBuckets(record);
        var named = requested.Count > 0;
        if (named && !requested.Contains(bucket))
        {
            return $"the message names the S3 bucket {Shown(bucket)}, but the request was for {string.Join(", ", requested.Select(Shown))}: S3 writes both from the same request, so the record was altered; the resource is not determined and no grant is suggested on either bucket";
        }

        // A bucket made before 1 March 2018 in us-east-1 may hold capitals and '_' (legacy naming rules); the request
        // confirms such a name when it is the one requested.
        var legacyConfirmed = named && bucket.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
        if (bucket.Length == 0 || !(legacyConfirmed || bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-')))
        {
            return $"the message names the S3 bucket {Shown(bucket)}, which is not a valid bucket name (lowercase ASCII letters, digits, '.' and '-'): the resource is not determined and no grant is suggested on it";
        }

        return null;
    }

    /// <summary>
    /// The bucket of "arn:PARTITION:s3:::BUCKET[/KEY]" (empty when the resource starts with '/'), as
    /// <see cref="Arn.TryParse"/> with service s3, no region or account and a resource would read it; false otherwise.
    /// </summary>
    private static bool TryBucket(string? arn, out ReadOnlySpan<char> bucket)
    {
        bucket = default;
        if (arn is null || !arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = arn.AsSpan(4);
        var partitionEnd = rest.IndexOf(':');
        if (partitionEnd < 0 || !rest[(partitionEnd + 1)..].StartsWith("s3:::", StringComparison.Ordinal))
        {
            return false;
        }

        var resource = rest[(partitionEnd + 1 + "s3:::".Length)..];
        if (resource.Length == 0)
        {
            return false;
        }

        var slash = resource.IndexOf('/');
        bucket = slash < 0 ? resource : resource[..slash];
        return true;
    }

    /// <summary>The source bucket of a copy: x-amz-copy-source, "bucket/key" URL-encoded, maybe with a leading '/' and "?versionId=" (S3 API Reference, CopyObject).</summary>
    private static string? SourceBucket(JsonElement parameters) =>
        JsonParameters.String(parameters, "x-amz-copy-source") is { } source
        && Uri.UnescapeDataString(source).TrimStart('/').Split('/', 2)[0] is { Length: > 0 } sourceBucket
            ? sourceBucket
            : null;

    /// <summary>
    /// The name with every non-ASCII character as its \uXXXX escape, so a lookalike letter (Cyrillic "а" for "a") shows
    /// in the note as the different character it is.
    /// </summary>
    private static string Shown(string name) =>
        string.Concat(name.Select(c => char.IsAscii(c) ? c.ToString() : $"\\u{(int)c:X4}"));

    /// <summary>
    /// The buckets the record itself names: requestParameters.bucketName, the source bucket of a copy
    /// (x-amz-copy-source, "bucket/key" URL-encoded, maybe with a leading '/' and "?versionId="; S3 API Reference,
    /// CopyObject), whose object the message names when reading the source is denied, and the buckets of resources[].
    /// </summary>
    private static List<string> RequestBuckets(CloudTrailRecord record)
    {
        // Runs for every S3 denial the Detector sees: one small list, each name once.
        var buckets = new List<string>(2);
        void Add(string name)
        {
            if (!buckets.Contains(name))
            {
                buckets.Add(name);
            }
        }

        if (record.RequestParameters is { ValueKind: JsonValueKind.Object } parameters)
        {
            if (JsonParameters.String(parameters, "bucketName") is { } named)
            {
                Add(named);
            }

            if (SourceBucket(parameters) is { } sourceBucket)
            {
                Add(sourceBucket);
            }
        }

        foreach (var listed in record.Resources ?? [])
        {
            if (listed?.Type is "AWS::S3::Bucket" or "AWS::S3::Object" && TryBucket(listed.Arn, out var listedBucket) && listedBucket.Length > 0)
            {
                Add(listedBucket.ToString());
            }
        }

        return buckets;
    }
}
