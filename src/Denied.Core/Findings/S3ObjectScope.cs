namespace Denied.Findings;

/// <summary>
/// The S3 objects one finding's fix grants: one object ARN exactly, or every key under a prefix that ends at a '/'
/// (or the bucket's own "/", which grants bucket/*). Texts are raw (unescaped) ARNs taken from CloudTrail; the fix
/// writes them through the statement escaping, so a key holding '*' or '?' is granted literally.
/// </summary>
/// <param name="Text">The object ARN (<see cref="IsPrefix"/> false), or the ARN prefix ending in '/' (true).</param>
/// <param name="IsPrefix">True: every key that starts with <see cref="Text"/>.</param>
public sealed record S3ObjectScope(string Text, bool IsPrefix)
{
    /// <summary>The resource a statement grants: the object ARN, or the prefix followed by the wildcard '*'.</summary>
    public string Resource => IsPrefix ? Text + "*" : Text;

    /// <summary>How many trailing characters of <see cref="Resource"/> are a wildcard on purpose (1 for a prefix).</summary>
    public int WildcardSuffixLength => IsPrefix ? 1 : 0;

    /// <summary>
    /// "arn:PARTITION:s3:::BUCKET/*" when <paramref name="resource"/> is an S3 object ARN (a bucket, then a non-empty
    /// key; S3 object ARNs carry no region or account, Amazon S3 User Guide "Policy resources for Amazon S3"), else null.
    /// </summary>
    public static string? BucketWildcard(string? resource)
    {
        if (resource is null || !resource.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var service = resource.IndexOf(":s3:::", 4, StringComparison.Ordinal);
        if (service < 0 || resource.IndexOf(':', 4) != service)
        {
            return null;
        }

        var bucketStart = service + ":s3:::".Length;
        var slash = resource.IndexOf('/', bucketStart);
        return slash > bucketStart && slash < resource.Length - 1 ? resource[..(slash + 1)] + "*" : null;
    }

    /// <summary>
    /// The narrowest scope that covers <paramref name="stored"/> (when given) and every object ARN of
    /// <paramref name="objectArns"/> (all in one bucket): one object alone is granted exactly; otherwise the longest
    /// common prefix cut back to its last '/', which is never shorter than "arn:...:s3:::bucket/" (bucket/*).
    /// </summary>
    public static S3ObjectScope Covering(S3ObjectScope? stored, IEnumerable<string> objectArns)
    {
        ArgumentNullException.ThrowIfNull(objectArns);
        string? common = stored?.Text;
        var prefix = stored?.IsPrefix ?? false;
        foreach (var arn in objectArns)
        {
            if (common is null)
            {
                common = arn;
                continue;
            }

            if (!prefix && arn == common)
            {
                continue;
            }

            common = common[..CommonLength(common, arn)];
            prefix = true;
        }

        if (common is null)
        {
            throw new ArgumentException("a scope covers at least one object", nameof(objectArns));
        }

        return prefix ? new S3ObjectScope(common[..(common.LastIndexOf('/') + 1)], true) : new S3ObjectScope(common, false);
    }

    private static int CommonLength(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        var i = 0;
        while (i < n && a[i] == b[i])
        {
            i++;
        }

        return i;
    }
}
