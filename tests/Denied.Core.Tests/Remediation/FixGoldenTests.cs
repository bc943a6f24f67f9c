using Denied.Remediation;
using Denied.TestSupport;

namespace Denied.Core.Tests.Remediation;

/// <summary>
/// The whole fix for each representative request, compared to its golden file with a plain equality assert.
/// Set DENIED_UPDATE_GOLDEN=1 to rewrite the files, then review the diff.
/// </summary>
public sealed class FixGoldenTests
{
    public static TheoryData<string> Cases => [.. SomeFixRequest.Golden.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void FixMatchesGoldenFile(string name)
    {
        var actual = FixText.Render(FixBuilder.Build(SomeFixRequest.Golden[name]));
        var path = RepoPaths.Combine("tests", "Denied.Core.Tests", "Golden", "remediation", name + ".txt");
        if (Environment.GetEnvironmentVariable("DENIED_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), "Missing golden file " + path + "; run with DENIED_UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    [Fact]
    public void EveryGoldenFileHasACase()
    {
        var directory = RepoPaths.Combine("tests", "Denied.Core.Tests", "Golden", "remediation");
        var files = Directory.GetFiles(directory, "*.txt").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(SomeFixRequest.Golden.Keys.Order(StringComparer.Ordinal), files);
    }

    [Fact]
    public void TheSameRequestGivesTheSameFixByteForByte()
    {
        foreach (var request in SomeFixRequest.Golden.Values)
        {
            Assert.Equal(FixText.Render(FixBuilder.Build(request)), FixText.Render(FixBuilder.Build(request)));
        }
    }
}
