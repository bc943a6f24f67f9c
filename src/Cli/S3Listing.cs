using Amazon.S3;
using Amazon.S3.Model;

namespace Denied.Cli;

/// <summary>
/// Lists the log objects under an S3 prefix before any is read, so progress knows the totals. Keys are asked for
/// URL-encoded (<c>encoding-type=url</c>): "An object key can contain any Unicode character; however, the XML 1.0
/// parser can't parse certain characters, such as characters with an ASCII value from 0 to 10. For characters that
/// aren't supported in XML 1.0, you can add this parameter to request that Amazon S3 encode the keys in the
/// response" (ListObjectsV2, Amazon S3 API Reference), and are decoded here.
/// </summary>
public static class S3Listing
{
    public static async Task<List<string>> ListAsync(IAmazonS3 s3, string bucket, string prefix, ScanListing listing, CancellationToken ct)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, Encoding = EncodingType.Url };
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request, ct);
            var encoded = page.Encoding == EncodingType.Url;
            foreach (var obj in page.S3Objects ?? [])
            {
                var key = encoded ? DecodeKey(obj.Key) : obj.Key;
                if (listing.Filter.Accept(key))
                {
                    keys.Add(key);
                    listing.Add(obj.Size ?? 0);
                }
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        return keys;
    }

    /// <summary>
    /// S3's url encoding is form encoding: a space is '+', a literal '+' is %2B, every other reserved or non-ASCII
    /// byte is %XX of its UTF-8.
    /// </summary>
    public static string DecodeKey(string key) => System.Net.WebUtility.UrlDecode(key);
}
