namespace Denied.CloudTrail;

/// <summary>
/// Walks a folder of CloudTrail logs (nested AWSLogs/... trees) for its .json and .json.gz files, in ordinal order
/// of their paths, one directory listing at a time, so even an archive of millions of files is never listed whole.
/// </summary>
/// <remarks>
/// A scanned tree is untrusted as much as its records are. Directory links are followed, but a directory is walked
/// once however many links lead to it, so a link back to an ancestor (a cycle) ends instead of looping. A file link
/// to a file inside the tree is left to the walk, which reaches the file itself; one to a file outside is read once.
/// A file that is empty on disk is not opened: a FIFO, a device or a socket reports size 0 too, and opening a FIFO
/// would wait for a writer forever (a named file given on the command line is read as given, see
/// <see cref="CloudTrailInput.EnumerateFiles"/>). A folder that cannot be listed is reported like an unreadable
/// file instead of being skipped in silence.
/// </remarks>
public static class LogFileWalker
{
    /// <summary>One result of the walk: a file to read, a folder that could not be listed, or a file left out.</summary>
    public readonly record struct Entry(string Path, EntryKind Kind, string? Reason = null);

    public enum EntryKind
    {
        File,
        UnreadableFolder,
        Skipped,
    }

    // The most links followed while resolving one path, as the operating system's own limit (ELOOP) works.
    private const int MaxLinkHops = 40;

    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        ReturnSpecialDirectories = false,
    };

    /// <param name="skippedName">Hears each file left out because its name is not a log file's (its path as walked).</param>
    public static IEnumerable<Entry> Walk(string root, Action<string>? skippedName = null)
    {
        var canonicalRoot = RealPath(Path.GetFullPath(root));
        var visited = new HashSet<string>(StringComparer.Ordinal) { canonicalRoot };
        var linkedFilesRead = new HashSet<string>(StringComparer.Ordinal);

        // One frame per folder being listed, deepest on top: a folder's entries are taken in order, and a subfolder
        // is walked where it sorts, so the files come out in path order.
        var frames = new Stack<Frame>();
        if (List(root, canonicalRoot, out var rootFrame) is { } rootFailure)
        {
            yield return rootFailure;
            yield break;
        }

        frames.Push(rootFrame!);
        while (frames.TryPeek(out var frame))
        {
            if (frame.Next == frame.Entries.Count)
            {
                frames.Pop();
                continue;
            }

            var entry = frame.Entries[frame.Next++];
            var shown = Path.Combine(frame.Shown, entry.Name);
            var canonical = Path.Combine(frame.Canonical, entry.Name);
            if (entry is DirectoryInfo)
            {
                var real = entry.LinkTarget is null ? canonical : RealPath(canonical);
                if (!visited.Add(real))
                {
                    continue;
                }

                if (List(shown, real, out var sub) is { } failure)
                {
                    yield return failure;
                    continue;
                }

                frames.Push(sub!);
                continue;
            }

            if (!IsLogFileName(entry.Name))
            {
                skippedName?.Invoke(shown);
                continue;
            }

            var file = canonical;
            if (entry.LinkTarget is not null)
            {
                file = RealPath(canonical);
                if (IsUnder(file, canonicalRoot) || !linkedFilesRead.Add(file))
                {
                    continue;
                }
            }

            // The size of what a link names, not of the link: a link to a FIFO must not be opened either.
            if (LengthOf(file) == 0)
            {
                yield return new Entry(shown, EntryKind.Skipped, "empty, or not a regular file (a FIFO, device or socket): not read");
                continue;
            }

            yield return new Entry(shown, EntryKind.File);
        }
    }

    private sealed class Frame(string shown, string canonical, List<FileSystemInfo> entries)
    {
        public string Shown { get; } = shown;
        public string Canonical { get; } = canonical;
        public List<FileSystemInfo> Entries { get; } = entries;
        public int Next { get; set; }
    }

    /// <summary>The folder's entries in path order, or the entry that reports why it cannot be listed.</summary>
    private static Entry? List(string shown, string canonical, out Frame? frame)
    {
        frame = null;
        List<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(shown).EnumerateFileSystemInfos("*", OneLevel).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return new Entry(shown, EntryKind.UnreadableFolder, $"cannot read folder: {e.Message}");
        }

        // Names sorted as their paths sort: a folder "b" as "b/", so "b.json" comes before the files inside "b".
        entries.Sort((a, b) => string.CompareOrdinal(SortName(a), SortName(b)));
        frame = new Frame(shown, canonical, entries);
        return null;
    }

    /// <summary>Log files as CloudTrail names them (….json.gz), and plain .json.</summary>
    public static bool IsLogFileName(string name) =>
        name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".json.gz", StringComparison.OrdinalIgnoreCase);

    private static string SortName(FileSystemInfo entry) => entry is DirectoryInfo ? entry.Name + "/" : entry.Name;

    private static long LengthOf(string file)
    {
        try
        {
            return new FileInfo(file).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Opening it names the failure as an unreadable file.
            return -1;
        }
    }

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>
    /// The path with every link in it resolved (as realpath(3) gives): two paths name the same folder exactly when
    /// their real paths are equal. A path whose links do not resolve (dangling, or a loop of links) is returned as far
    /// as it resolved, which names it uniquely enough to be walked at most once.
    /// </summary>
    public static string RealPath(string fullPath)
    {
        var hops = 0;
        var rootLength = Path.GetPathRoot(fullPath)?.Length ?? 0;
        var resolved = fullPath[..rootLength];
        var rest = new Queue<string>(fullPath[rootLength..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
        while (rest.TryDequeue(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? resolved;
                continue;
            }

            var next = Path.Combine(resolved, part);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                target = null;
            }

            if (target is null || ++hops > MaxLinkHops)
            {
                resolved = next;
                continue;
            }

            // A link's target is read relative to the folder holding the link; what it names is resolved again, part by part.
            var absolute = Path.GetFullPath(target, resolved);
            var targetRoot = Path.GetPathRoot(absolute)?.Length ?? 0;
            var remaining = rest.ToList();
            rest = new Queue<string>(absolute[targetRoot..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Concat(remaining));
            resolved = absolute[..targetRoot];
        }

        return resolved;
    }
}
