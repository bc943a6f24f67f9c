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
        if (Arn.TryParse(messageArn) is not { Service: "s3", Region: "", Account: "" } arn || arn.Resource.Length == 0)
        {
            return null;
        }

        var bucket = arn.Resource.Split('/', 2)[0];
        var requested = RequestBuckets(record);
        if (requested.Count > 0 && !requested.Contains(bucket, StringComparer.Ordinal))
        {
            return $"the message names the S3 bucket {Shown(bucket)}, but the request was for {string.Join(", ", requested.Select(Shown))}: S3 writes both from the same request, so the record was altered; the resource is not determined and no grant is suggested on either bucket";
        }

        // A bucket made before 1 March 2018 in us-east-1 may hold capitals and '_' (legacy naming rules); the request
        // confirms such a name when it is the one requested.
        var legacyConfirmed = requested.Count > 0 && bucket.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
        if (bucket.Length == 0 || !(legacyConfirmed || bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-')))
        {
            return $"the message names the S3 bucket {Shown(bucket)}, which is not a valid bucket name (lowercase ASCII letters, digits, '.' and '-'): the resource is not determined and no grant is suggested on it";
        }

        return null;
    }

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
        var buckets = new List<string>();
        if (record.RequestParameters is { ValueKind: JsonValueKind.Object } parameters)
        {
            if (JsonParameters.String(parameters, "bucketName") is { } named)
            {
                buckets.Add(named);
            }

            if (JsonParameters.String(parameters, "x-amz-copy-source") is { } source
                && Uri.UnescapeDataString(source).TrimStart('/').Split('/', 2)[0] is { Length: > 0 } sourceBucket)
            {
                buckets.Add(sourceBucket);
            }
        }

        buckets.AddRange((record.Resources ?? [])
            .Where(r => r.Type is "AWS::S3::Bucket" or "AWS::S3::Object")
            .Select(r => Arn.TryParse(r.Arn) is { Service: "s3", Region: "", Account: "" } listed ? listed.Resource.Split('/', 2)[0] : null)
            .OfType<string>()
            .Where(b => b.Length > 0));
        return buckets.Distinct(StringComparer.Ordinal).ToList();
    }
}
