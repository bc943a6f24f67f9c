using System.IO.Compression;
using System.Text.Json;

namespace Denied.CloudTrail;

/// <summary>
/// Reads CloudTrail records from files, folders (nested AWSLogs/... trees) and streams: log files
/// (<c>{"Records":[...]}</c>, .json or .json.gz), EventBridge envelopes, bare records, arrays and JSON Lines.
/// Bad input (not JSON, a truncated .gz, a record of unknown shape) becomes an error item naming the file and
/// record, and reading goes on with the next record or file: one bad file never hides the rest.
/// </summary>
public static class CloudTrailInput
{
    /// <summary>
    /// Every .json / .json.gz file under a folder, in path order (see <see cref="LogFileWalker"/>); a file path
    /// gives itself, whatever kind of file it is (a pipe such as <c>&lt;(zcat …)</c> is read as given).
    /// </summary>
    /// <param name="skippedName">Hears each file of a folder left out because its name is not a log file's.</param>
    public static IEnumerable<LogFileWalker.Entry> Enumerate(string path, Action<string>? skippedName = null)
    {
        if (File.Exists(path))
        {
            return [new LogFileWalker.Entry(path, LogFileWalker.EntryKind.File)];
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"no such file or folder: {path}", path);
        }

        return LogFileWalker.Walk(path, skippedName);
    }

    /// <summary>The files of <see cref="Enumerate"/> alone.</summary>
    public static IEnumerable<string> EnumerateFiles(string path) =>
        Enumerate(path).Where(e => e.Kind == LogFileWalker.EntryKind.File).Select(e => e.Path);

    /// <summary>Unreadable records listed one by one per source; past this, one line counts the rest.</summary>
    public const int MaxListedErrorsPerSource = 100;

    public static IEnumerable<InputItem> ReadFile(string path, bool skipNonDenials, int maxListedErrors = MaxListedErrorsPerSource)
    {
        Stream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [InputItem.Failed(path, $"cannot open: {e.Message}")];
        }

        return ReadStream(stream, path, IsGzip(path), skipNonDenials, ownsStream: true, maxListedErrors);
    }

    /// <param name="name">How the source is named in locations ("-" for standard input).</param>
    /// <remarks>
    /// Errors are capped: the first <see cref="MaxListedErrorsPerSource"/> unreadable records are listed, the rest
    /// counted in one closing error ("…and N more unreadable records in FILE"), so ten million bad records cost
    /// one counter, not ten million messages.
    /// </remarks>
    /// <param name="maxListedErrors">How many unreadable records are listed one by one (at most <see cref="MaxListedErrorsPerSource"/>).</param>
    public static IEnumerable<InputItem> ReadStream(
        Stream stream, string name, bool gzip, bool skipNonDenials, bool ownsStream = false, int maxListedErrors = MaxListedErrorsPerSource)
    {
        maxListedErrors = Math.Clamp(maxListedErrors, 0, MaxListedErrorsPerSource);
        long unlisted = 0;
        var listed = 0;
        foreach (var item in ReadStreamUncapped(stream, name, gzip, skipNonDenials, ownsStream))
        {
            if (item.Error is not null && listed == maxListedErrors)
            {
                unlisted++;
                continue;
            }

            if (item.Error is not null)
            {
                listed++;
            }

            yield return item;
        }

        if (unlisted > 0)
        {
            yield return InputItem.Failed(name, $"…and {unlisted:N0} more unreadable records in {name} (not listed)");
        }
    }

    private static IEnumerable<InputItem> ReadStreamUncapped(Stream stream, string name, bool gzip, bool skipNonDenials, bool ownsStream)
    {
        var source = gzip ? new GZipStream(stream, CompressionMode.Decompress, leaveOpen: !ownsStream) : stream;
        var decompressed = new ByteCountingStream(source);
        try
        {
            var splitter = new JsonValueSplitter(new BufferedStream(new BomSkippingStream(decompressed), 256 * 1024));
            var index = 0;
            while (true)
            {
                ReadOnlyMemory<byte>? next;
                string? failure = null;
                try
                {
                    next = splitter.Next();
                }
                catch (JsonException e)
                {
                    next = null;
                    // GZipStream ends quietly where a truncated file is cut, so the JSON parser is the one to notice.
                    failure = gzip
                        ? $"not valid JSON after record {index}, or the .gz file is truncated: {e.Message}"
                        : $"not valid JSON after record {index}: {e.Message}";
                }
                catch (InputLimitException e)
                {
                    next = null;
                    failure = $"after record {index}: {e.Message}";
                }
                catch (InvalidDataException e)
                {
                    next = null;
                    failure = $"corrupt or truncated gzip after record {index}: {e.Message}";
                }
                catch (IOException e)
                {
                    next = null;
                    failure = $"read failed after record {index}: {e.Message}";
                }

                if (failure is not null)
                {
                    yield return InputItem.Failed(name, failure);
                    yield break;
                }

                if (next is not { } slice)
                {
                    if (gzip && GzipTrailer.Truncation(stream, decompressed.BytesRead) is { } truncated)
                    {
                        yield return InputItem.Failed(name, truncated);
                    }

                    yield break;
                }

                index++;
                // A value that names no event ({"foo":1}, a project.assets.json) is parsed in full even when it carries no
                // error, so a scan reports it as not a CloudTrail record, as explain does, instead of counting a record.
                if (skipNonDenials && !CloudTrailRecordParser.MayBeDenial(slice.Span) && CloudTrailRecordParser.NamesAnEvent(slice.Span))
                {
                    yield return InputItem.Skipped(name, index);
                    continue;
                }

                var location = InputItem.LocationOf(name, index);
                var parsed = CloudTrailRecordParser.Parse(slice.Span);
                yield return parsed.Record is { } record
                    ? InputItem.Of(location, record) with { SourceBytes = slice.Length }
                    : InputItem.Failed(location, parsed.Error!);
            }
        }
        finally
        {
            if (ownsStream)
            {
                source.Dispose();
            }
        }
    }

    /// <summary>Gzip by name, as CloudTrail names its objects (….json.gz).</summary>
    public static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
}
