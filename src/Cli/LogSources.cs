using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using Denied.CloudTrail;

namespace Denied.Cli;

/// <summary>
/// Where scan reads from: a local file or folder, or an S3 prefix of a CloudTrail archive
/// (s3://bucket/AWSLogs/...), one object at a time so memory stays flat.
/// </summary>
public static class LogSources
{
    /// <summary>The sources under <paramref name="path"/>, each with its items, in path order.</summary>
    /// <param name="listing">Filled with what will be read (sizes, files skipped by name) before the first file is yielded.</param>
    /// <param name="note">Hears about files left out of a folder scan (a FIFO, a device, an empty file).</param>
    public static async IAsyncEnumerable<(string Name, IEnumerable<InputItem> Items)> OpenAsync(
        string path, AwsOptions aws, ScanListing listing, [EnumeratorCancellation] CancellationToken ct, Action<string>? note = null)
    {
        if (!path.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            IEnumerable<LogFileWalker.Entry> entries;
            try
            {
                // One walk for the totals (progress, "no log files"), keeping no path, then the walk that reads.
                foreach (var entry in CloudTrailInput.Enumerate(path, skipped => listing.Filter.Accept(Path.GetRelativePath(path, skipped))))
                {
                    if (entry.Kind == LogFileWalker.EntryKind.File)
                    {
                        listing.Add(SizeOf(entry.Path));
                    }
                }

                entries = CloudTrailInput.Enumerate(path);
            }
            catch (FileNotFoundException)
            {
                throw new CliInputException($"no such file or folder: {Denied.Rendering.TextEscaping.PlainLine(path)}");
            }

            // The walk, inflate and parse run ahead on their own thread, bounded by items and record bytes; the
            // caller diagnoses the items in order.
            using var ahead = new ReadAhead(entries, note, ct);
            while (ahead.NextSource() is { } source)
            {
                yield return source;
            }

            yield break;
        }

        var (bucket, prefix) = ParseS3Url(path);
        using var s3 = new AmazonS3Client(aws.Configure(new AmazonS3Config { ForcePathStyle = aws.EndpointUrl is not null }));
        var keys = await S3Listing.ListAsync(s3, bucket, prefix, listing, ct);
        foreach (var key in keys)
        {
            var response = await s3.GetObjectAsync(bucket, key, ct);
            var name = $"s3://{bucket}/{key}";
            yield return (name, CloudTrailInput.ReadStream(response.ResponseStream, name, CloudTrailInput.IsGzip(key), skipNonDenials: true, ownsStream: true));
        }
    }

    private static long SizeOf(string file)
    {
        try
        {
            return new FileInfo(file).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    public static (string Bucket, string Prefix) ParseS3Url(string url)
    {
        var rest = url["s3://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        if (bucket.Length == 0)
        {
            throw new CliInputException($"not an S3 URL: {Denied.Rendering.TextEscaping.PlainLine(url)} (expected s3://bucket/prefix)");
        }

        return (bucket, slash < 0 ? "" : rest[(slash + 1)..]);
    }
}
