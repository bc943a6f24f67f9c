using System.Text.Json;
using Cli.Tests.Support;

namespace Cli.Tests;

/// <summary>
/// The diagnosis record is a public contract: every field, with its JSON type, in explain's
/// output and in each finding of scan's output. Fields may be added, never renamed.
/// </summary>
public sealed class DiagnosisContractTests
{
    // path, allowed JSON kinds ("null" where the contract allows null)
    private static readonly (string Path, JsonValueKind[] Kinds)[] Contract =
    [
        ("eventId", [JsonValueKind.String]),
        ("eventTime", [JsonValueKind.String]),
        ("account", [JsonValueKind.String]),
        ("region", [JsonValueKind.String]),
        ("denied", [JsonValueKind.True, JsonValueKind.False]),
        ("errorCode", [JsonValueKind.String, JsonValueKind.Null]),
        ("principal", [JsonValueKind.Object]),
        ("principal.kind", [JsonValueKind.String]),
        ("principal.arn", [JsonValueKind.String, JsonValueKind.Null]),
        ("principal.roleArn", [JsonValueKind.String, JsonValueKind.Null]),
        ("principal.functionName", [JsonValueKind.String, JsonValueKind.Null]),
        ("function", [JsonValueKind.Object, JsonValueKind.Null]),
        ("function.name", [JsonValueKind.String, JsonValueKind.Null]),
        ("function.roleArn", [JsonValueKind.String, JsonValueKind.Null]),
        ("action", [JsonValueKind.String, JsonValueKind.Null]),
        ("resource", [JsonValueKind.String, JsonValueKind.Null]),
        ("layer", [JsonValueKind.String, JsonValueKind.Null]),
        ("explicitDeny", [JsonValueKind.True, JsonValueKind.False, JsonValueKind.Null]),
        ("denyingPolicyArn", [JsonValueKind.String, JsonValueKind.Null]),
        ("authorizationId", [JsonValueKind.String, JsonValueKind.Null]),
        ("evidence", [JsonValueKind.Object]),
        ("fix", [JsonValueKind.Object]),
        ("fix.target", [JsonValueKind.String]),
        ("fix.statements", [JsonValueKind.Array]),
        ("fix.commands", [JsonValueKind.Array]),
        ("fix.snippets", [JsonValueKind.Object]),
        ("fix.notes", [JsonValueKind.Array]),
    ];

    private static readonly string[] Kinds = ["lambda-execution-role", "assumed-role", "iam-user", "root", "aws-service", "other"];
    private static readonly string[] Layers =
    [
        "identity-policy", "resource-policy", "service-control-policy", "resource-control-policy",
        "permissions-boundary", "session-policy", "vpc-endpoint-policy", "unknown",
    ];

    private static readonly string[] Targets = ["execution-role", "resource-policy", "both", "none"];
    private static readonly string[] SnippetTools = ["sam", "cloudformation", "serverless", "terraform", "cdk"];

    public static TheoryData<string> SampleEvents =>
        [.. Directory.GetFiles(Denied.TestSupport.RepoPaths.Combine("samples", "events"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(SampleEvents))]
    public void ExplainJsonCarriesEveryContractFieldWithItsType(string sample)
    {
        using var doc = JsonDocument.Parse(Run.Explain(Run.Sample(sample)).StdOut);

        AssertContract(doc.RootElement);
    }

    [Fact]
    public async Task EveryScanFindingCarriesTheContractFieldsPlusCounts()
    {
        using var doc = JsonDocument.Parse((await Run.ScanAsync(Run.SampleLogs)).StdOut);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();

        Assert.NotEmpty(findings);
        foreach (var f in findings)
        {
            AssertContract(f);
            Assert.Equal(JsonValueKind.Number, f.GetProperty("count").ValueKind);
            Assert.Equal(32, f.GetProperty("findingId").GetString()!.Length);
            Assert.Equal(JsonValueKind.String, f.GetProperty("firstSeen").ValueKind);
            Assert.Equal(JsonValueKind.String, f.GetProperty("lastSeen").ValueKind);
            Assert.Equal(JsonValueKind.Array, f.GetProperty("functionNames").ValueKind);
            Assert.Equal(JsonValueKind.Array, f.GetProperty("sampleEventIds").ValueKind);
        }
    }

    private static void AssertContract(JsonElement d)
    {
        foreach (var (path, kinds) in Contract)
        {
            var value = Find(d, path);
            Assert.True(value is { } v && kinds.Contains(v.ValueKind),
                $"{path}: expected {string.Join(" or ", kinds)}, found {(value is { } x ? x.ValueKind.ToString() : "no such field")}");
        }

        Assert.Contains(d.GetProperty("principal").GetProperty("kind").GetString(), Kinds);
        if (d.GetProperty("layer").GetString() is { } layer)
        {
            Assert.Contains(layer, Layers);
        }

        Assert.All(d.GetProperty("evidence").EnumerateObject(), e => Assert.Equal(JsonValueKind.String, e.Value.ValueKind));
        var fix = d.GetProperty("fix");
        Assert.Contains(fix.GetProperty("target").GetString(), Targets);
        foreach (var s in fix.GetProperty("statements").EnumerateArray())
        {
            Assert.Equal(JsonValueKind.String, s.GetProperty("document").ValueKind);
            Assert.Equal(JsonValueKind.Object, s.GetProperty("statement").ValueKind);
        }

        Assert.All(fix.GetProperty("commands").EnumerateArray(), c => Assert.Equal(JsonValueKind.String, c.ValueKind));
        Assert.All(fix.GetProperty("notes").EnumerateArray(), c => Assert.Equal(JsonValueKind.String, c.ValueKind));
        foreach (var snippet in fix.GetProperty("snippets").EnumerateObject())
        {
            Assert.Contains(snippet.Name, SnippetTools);
            Assert.Equal(JsonValueKind.String, snippet.Value.ValueKind);
        }
    }

    private static JsonElement? Find(JsonElement root, string path)
    {
        var current = root;
        foreach (var part in path.Split('.'))
        {
            // A field whose parent is null (function: null) takes the parent's null.
            if (current.ValueKind == JsonValueKind.Null)
            {
                return current;
            }

            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }
}
