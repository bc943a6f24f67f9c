using System.Diagnostics;
using Denied.CloudTrail;

namespace Denied.Core.Tests.CloudTrail;

/// <summary>A scanned folder is untrusted: links that loop end, every file is read once, nothing blocks on a FIFO.</summary>
public sealed class LogFileWalkerTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("denied-walk-");

    public void Dispose()
    {
        foreach (var dir in _root.EnumerateDirectories("*", SearchOption.AllDirectories))
        {
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            {
                dir.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            }
        }

        _root.Delete(recursive: true);
    }

    private string Make(string relative, string content = "[]")
    {
        var path = Path.Combine(_root.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private string Rel(string path) => Path.GetRelativePath(_root.FullName, path).Replace('\\', '/');

    private List<string> Files() =>
        LogFileWalker.Walk(_root.FullName).Where(e => e.Kind == LogFileWalker.EntryKind.File).Select(e => Rel(e.Path)).ToList();

    [Fact]
    public void FilesComeInOrdinalPathOrderAndOnlyLogFileNames()
    {
        Make("b/x.json");
        Make("b.json");
        Make("a/z.json.gz");
        Make("a/notes.txt");
        Make("B/y.JSON");

        Assert.Equal(["B/y.JSON", "a/z.json.gz", "b.json", "b/x.json"], Files());
    }

    [Fact]
    public void ALinkBackToAnAncestorIsWalkedOnceAndTheWalkEnds()
    {
        Make("a/one.json");
        Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "a", "loop"), _root.FullName);

        Assert.Equal(["a/one.json"], Files());
    }

    [Fact]
    public void TwoLinksLoopingIntoEachOtherEndAndCountEachFileOnce()
    {
        Make("a/one.json");
        Make("b/two.json");
        Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "a", "to-b"), Path.Combine(_root.FullName, "b"));
        Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "b", "to-a"), Path.Combine(_root.FullName, "a"));

        var files = Files();

        Assert.Equal(2, files.Count);
        Assert.Contains("a/one.json", files);
        Assert.Single(files, f => f.EndsWith("two.json", StringComparison.Ordinal));
    }

    [Fact]
    public void ALinkToAFolderOutsideIsFollowedOnceAndAFileLinkIntoTheTreeIsLeftToTheWalk()
    {
        var outside = Directory.CreateTempSubdirectory("denied-outside-");
        try
        {
            File.WriteAllText(Path.Combine(outside.FullName, "far.json"), "[]");
            Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "l1"), outside.FullName);
            Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "l2"), outside.FullName);
            var near = Make("real/near.json");
            File.CreateSymbolicLink(Path.Combine(_root.FullName, "alias.json"), near);

            Assert.Equal(["l1/far.json", "real/near.json"], Files());
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    [Fact]
    public void AFifoIsSkippedWithANoteInsteadOfBlockingTheWalk()
    {
        Assert.True(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "mkfifo needs a Unix system");
        Make("a.json");
        var fifo = Path.Combine(_root.FullName, "pipe.json");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var entries = LogFileWalker.Walk(_root.FullName).ToList();

        Assert.Equal(["a.json"], entries.Where(e => e.Kind == LogFileWalker.EntryKind.File).Select(e => Rel(e.Path)));
        var skipped = Assert.Single(entries, e => e.Kind == LogFileWalker.EntryKind.Skipped);
        Assert.Equal("pipe.json", Rel(skipped.Path));
        Assert.Contains("not a regular file", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RealPathResolvesEveryLinkInThePath()
    {
        var target = Directory.CreateDirectory(Path.Combine(_root.FullName, "t", "deep"));
        Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "hop"), Path.Combine("t"));

        Assert.Equal(LogFileWalker.RealPath(target.FullName), LogFileWalker.RealPath(Path.Combine(_root.FullName, "hop", "deep")));
    }
}
