using System.Runtime.CompilerServices;

namespace Denied.Core.Tests.Remediation;

/// <summary>
/// tests/Denied.Core.Tests/Golden/remediation, found from this source file's compile-time path. RepoPaths searches
/// upward from the test binaries for Diagnostics.sln, which fails when the build uses an --artifacts-path outside
/// the repository; the source path works for any output location.
/// </summary>
internal static class GoldenFiles
{
    public static string Directory { get; } = Locate();

    public static string PathOf(string name) => Path.Combine(Directory, name + ".txt");

    private static string Locate([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "Golden", "remediation"));
}
