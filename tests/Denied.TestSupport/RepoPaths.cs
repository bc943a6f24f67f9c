using System.Runtime.CompilerServices;

namespace Denied.TestSupport;

/// <summary>
/// Locates the repository root (the folder with Diagnostics.sln): from the test's output folder, else from
/// this source file's compile-time path (builds with --artifacts-path put the output outside the repository).
/// </summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot(AppContext.BaseDirectory) ?? FindRoot(SourceDirectory()) ??
        throw new InvalidOperationException("Diagnostics.sln not found above " + AppContext.BaseDirectory);

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? "";

    private static string? FindRoot(string start)
    {
        var dir = start.Length > 0 ? new DirectoryInfo(start) : null;
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Diagnostics.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName;
    }
}
