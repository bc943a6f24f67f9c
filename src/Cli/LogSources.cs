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
    /// <param name="listing">Filled with what will be read (sizes, skipped files) before the first file is yielded.</param>
    public static async IAsyncEnumerable<(string Name, IEnumerable<InputItem> Items)> OpenAsync(
        string path, AwsOptions aws, ScanListing listing, [EnumeratorCancellation] CancellationToken ct)
    {
        if (!path.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            List<string> files;
            try
            {
                files = File.Exists(path) ? [path] : ListFolder(path, listing.Filter);
            }
            catch (FileNotFoundException)
            {
                throw new CliInputException($"no such file or folder: {Denied.Rendering.TextEscaping.PlainLine(path)}");
            }

            foreach (var file in files)
            {
                listing.Add(SizeOf(file));
            }

            // Decompress and split the next files on the thread pool while the caller diagnoses this one, in
            // order. Only small files are read ahead (a CloudTrail log file is a few MB): their items are held in
            // a list, so a huge single file is streamed as before and memory stays flat either way.
            var ahead = new Queue<(string File, Task<IEnumerable<InputItem>> Items)>();
            foreach (var file in files)
            {
                ahead.Enqueue((file, ReadAheadAsync(file, ct)));
                if (ahead.Count > ReadAheadFiles)
                {
                    var (name, items) = ahead.Dequeue();
                    yield return (name, await items);
                }
            }

            while (ahead.TryDequeue(out var next))
            {
                yield return (next.File, await next.Items);
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

    /// <summary>Every file under a folder, in a stable order, that <paramref name="filter"/> accepts.</summary>
    private static List<string> ListFolder(string path, LogFileFilter filter)
    {
        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"no such file or folder: {path}", path);
        }

        return Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Order(StringComparer.Ordinal)
            .Where(f => filter.Accept(Path.GetRelativePath(path, f)))
            .ToList();
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

    /// <summary>Files read ahead of the one being diagnosed; each holds its items (one small struct per record).</summary>
    private const int ReadAheadFiles = 2;

    /// <summary>Files up to this size are read ahead whole; larger ones are streamed when their turn comes.</summary>
    private const long ReadAheadMaxBytes = 16 * 1024 * 1024;

    private static Task<IEnumerable<InputItem>> ReadAheadAsync(string file, CancellationToken ct)
    {
        long length;
        try
        {
            length = new FileInfo(file).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            length = long.MaxValue;
        }

        if (length > ReadAheadMaxBytes)
        {
            return Task.FromResult(CloudTrailInput.ReadFile(file, skipNonDenials: true));
        }

        return Task.Run(() => (IEnumerable<InputItem>)CloudTrailInput.ReadFile(file, skipNonDenials: true).ToList(), ct);
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
