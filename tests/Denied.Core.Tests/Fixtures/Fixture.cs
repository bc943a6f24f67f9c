using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Denied.CloudTrail;
using Denied.TestSupport;

namespace Denied.Core.Tests.Fixtures;

/// <summary>
/// Reads the real-shaped CloudTrail fixtures in Fixtures/records (listed in its README.md). An EventBridge
/// envelope ("detail-type" + "detail") is unwrapped to its CloudTrail record.
/// </summary>
public static class Fixture
{
    /// <summary>The fixture's raw text.</summary>
    public static string Text(string name) => File.ReadAllText(PathOf(name));

    /// <summary>The fixture as a record, read through the production JSON context (reflection is off in production).</summary>
    public static CloudTrailRecord Record(string name)
    {
        var text = Text(name);
        using var document = JsonDocument.Parse(text);
        var json = document.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.Object
            ? detail.GetRawText()
            : text;
        return JsonSerializer.Deserialize(json, CloudTrailJsonContext.Default.CloudTrailRecord)
            ?? throw new InvalidDataException($"Fixture {name} is JSON null.");
    }

    /// <summary>
    /// A fixture with fields overridden on its JSON before reading, e.g.
    /// <c>Record("iam-user-denied.json", r => r["errorCode"] = "Throttling")</c>.
    /// </summary>
    public static CloudTrailRecord Record(string name, Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var node = JsonNode.Parse(Text(name))?.AsObject() ?? throw new InvalidDataException($"Fixture {name} is not an object.");
        var record = node["detail"] is JsonObject detail ? detail : node;
        edit(record);
        return JsonSerializer.Deserialize(record.ToJsonString(), CloudTrailJsonContext.Default.CloudTrailRecord)
            ?? throw new InvalidDataException($"Fixture {name} is JSON null.");
    }

    /// <summary>Every record fixture's file name (the inventory file excluded).</summary>
    public static IReadOnlyList<string> RecordNames() =>
        Directory.GetFiles(Folder(), "*.json")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => !n.StartsWith("inventory-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

    public static string PathOf(string name) => Path.Combine(Folder(), name);

    private static string Folder()
    {
        try
        {
            return RepoPaths.Combine("tests", "Denied.Core.Tests", "Fixtures", "records");
        }
        catch (TypeInitializationException)
        {
            // With --artifacts-path outside the repository, the output folder has no Diagnostics.sln
            // above it (RepoPaths' static initializer throws); fall back to this source file's own folder, recorded at compile time.
            return Path.Combine(SourceFolder(), "records");
        }
    }

    private static string SourceFolder([CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path) ?? throw new InvalidOperationException("No source path recorded for Fixture.cs.");
}
