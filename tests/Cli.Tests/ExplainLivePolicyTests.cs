using System.Text.Json;
using Cli.Tests.Support;
using Denied.AwsClients.Policies;
using Denied.Cli;
using Denied.TestSupport;

namespace Cli.Tests;

/// <summary>
/// `denied explain --read-policies` against moto: each samples/policies case recreated in moto gives the same
/// decision, layer, unseen layers and deciding or near-miss statement as the case's offline files, with source
/// "live"; a read that fails leaves its layer unseen with a note naming it and the exit code unchanged; the
/// policy files and --read-policies together are a usage error.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class ExplainLivePolicyTests(MotoServer moto) : IAsyncLifetime, IDisposable
{
    private static readonly JsonSchemaValidator DiagnosisSchema = JsonSchemaValidator.Load(RepoPaths.Combine("docs", "schemas", "diagnosis.schema.json"));
    private readonly TempFolder _folder = new();

    public Task InitializeAsync() => moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Cases => new(Directory.EnumerateDirectories(RepoPaths.Combine("samples", "policies")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ReadLive_NamesTheSameStatementAsTheOfflineFiles(string name)
    {
        var rewrites = await LivePolicySample.LoadAsync(moto, name);
        var offline = Explain(Path.Combine(LivePolicySample.Folder(name), "event.json"), OfflineFiles(name));

        var live = ExplainLive(name, rewrites);

        Assert.Equal((offline.ExitCode, ""), (live.ExitCode, live.StdErr));
        using var expected = JsonDocument.Parse(LivePolicySample.Rewrite(offline.StdOut, rewrites));
        using var actual = JsonDocument.Parse(live.StdOut);
        var (e, a) = (expected.RootElement.GetProperty("evaluation"), actual.RootElement.GetProperty("evaluation"));
        Assert.Equal("live", a.GetProperty("source").GetString());
        Assert.Equal(Summary(e), Summary(a));
        Assert.Equal(e.GetProperty("statements").EnumerateArray().Select(Statement), a.GetProperty("statements").EnumerateArray().Select(Statement));
        Assert.Equal(expected.RootElement.GetProperty("fix").GetProperty("target").GetString(), actual.RootElement.GetProperty("fix").GetProperty("target").GetString());
        Assert.Empty(DiagnosisSchema.Validate(actual.RootElement));
    }

    [Fact]
    public async Task AResourceReadThatFails_LeavesTheResourcePolicyUnseen_WithANoteNamingTheRead_AndTheExitCodeUnchanged()
    {
        var rewrites = await LivePolicySample.LoadAsync(moto, "identity-allow-wrong-resource");
        await MotoPython.RunAsync(moto, """boto3.client("s3", **kw).delete_bucket(Bucket="acme-orders-prod")""");

        var live = ExplainLive("identity-allow-wrong-resource", rewrites);

        Assert.Equal(ExitCodes.DenialsFound, live.ExitCode);
        Assert.Equal("", live.StdErr);
        using var doc = JsonDocument.Parse(live.StdOut);
        var evaluation = doc.RootElement.GetProperty("evaluation");
        Assert.Equal(["resource-policy"], evaluation.GetProperty("unseen").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal("ReadExports", evaluation.GetProperty("statements")[0].GetProperty("sid").GetString());
        Assert.Contains(doc.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith(
            "Live policy read failed: s3:GetBucketPolicy on arn:aws:s3:::acme-orders-prod: NoSuchBucket", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NothingReadable_EveryLayerIsUnseen_EachReadIsNoted_AndNoDecisionIsClaimed()
    {
        // An empty moto: no role, no bucket, no organization.
        var live = ExplainLive("identity-allow-wrong-resource", [(LivePolicySample.SampleAccount, MotoServer.AccountId)]);

        Assert.Equal(ExitCodes.DenialsFound, live.ExitCode);
        using var doc = JsonDocument.Parse(live.StdOut);
        var evaluation = doc.RootElement.GetProperty("evaluation");
        Assert.Equal(
            ["identity-policy", "permissions-boundary", "resource-control-policy", "resource-policy", "service-control-policy"],
            evaluation.GetProperty("unseen").EnumerateArray().Select(u => u.GetString()).Order(StringComparer.Ordinal));
        Assert.NotEqual("implicit-deny", evaluation.GetProperty("decision").GetString());
        var notes = doc.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Contains(notes, n => n.StartsWith("Live policy read failed: iam:GetRole on arn:aws:iam::123456789012:role/service/orders-api-role: NoSuchEntity", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("Live policy read failed: iam:ListRolePolicies on arn:aws:iam::123456789012:role/service/orders-api-role", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("Live policy read failed: organizations:ListParents on 123456789012", StringComparison.Ordinal));
    }

    [Fact]
    public void NoConnection_IsAFailedRead_NotAFailedCommand()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var files = PolicyFileOptions.Files.None with { ReadPolicies = new AwsOptions(MotoServer.Region, null, "http://127.0.0.1:1") };

        var code = ExplainCommand.Run(Path.Combine(LivePolicySample.Folder("trust-policy-without-lambda"), "event.json"), OutputFormat.Json, null, stdout, stderr, policyFiles: files);

        Assert.Equal(ExitCodes.DenialsFound, code);
        using var doc = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(["resource-policy"], doc.RootElement.GetProperty("evaluation").GetProperty("unseen").EnumerateArray().Select(u => u.GetString()));
        Assert.Contains(doc.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("Live policy read failed: iam:GetRole on arn:aws:iam::111122223333:role/service/alerts-fanout-role", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(OutputFormat.Table, @"iam:GetRole on arn:aws:iam::111122223333:role/service/orders-api-role\u001B[31m\n<!channel>|`x`: NoSuchEntity")]
    [InlineData(OutputFormat.Markdown, @"iam\:GetRole on arn\:aws\:iam\:\:111122223333\:role/service/orders\-api\-role\\u001B\[31m\\n&lt;\!channel&gt;\|\`x\`\: NoSuchEntity")]
    [InlineData(OutputFormat.Html, @"iam:GetRole on arn:aws:iam::111122223333:role/service/orders-api-role\u001B[31m\n&lt;!channel&gt;|`x`: NoSuchEntity")]
    public void AHostileRoleNameInTheRecord_IsEscapedInTheNote(OutputFormat format, string escaped)
    {
        // The role ARN comes from the record, so the read's note carries attacker text: each renderer escapes it. The
        // session ARN names the same role (a consistent record), so the issuer, with its path, is the role read.
        var hostile = JsonEncodedText.Encode("orders-api-role\u001b[31m\n<!channel>|`x`").ToString();
        var text = File.ReadAllText(Path.Combine(LivePolicySample.Folder("identity-allow-wrong-resource"), "event.json"))
            .Replace("role/service/orders-api-role", "role/service/" + hostile, StringComparison.Ordinal)
            .Replace("\"arn\": \"arn:aws:sts::111122223333:assumed-role/orders-api-role/", "\"arn\": \"arn:aws:sts::111122223333:assumed-role/" + hostile + "/", StringComparison.Ordinal);
        Assert.Contains("assumed-role/" + hostile + "/orders-api", text, StringComparison.Ordinal);
        var file = _folder.Write("hostile.json", text);
        var files = PolicyFileOptions.Files.None with { ReadPolicies = new AwsOptions(MotoServer.Region, null, moto.EndpointUrl) };

        var result = Explain(file, files, format);

        Assert.Equal(ExitCodes.DenialsFound, result.ExitCode);
        Assert.Contains(escaped, result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.StdOut);
    }

    [Fact]
    public async Task ReadPoliciesWithThePolicyFiles_IsAUsageError_ForExplainAndScan()
    {
        var files = OfflineFiles("scp-deny") with { ReadPolicies = new AwsOptions(MotoServer.Region, null, moto.EndpointUrl) };
        var eventFile = Path.Combine(LivePolicySample.Folder("scp-deny"), "event.json");

        var explain = Explain(eventFile, files);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var scan = await ScanCommand.RunAsync(
            new ScanCommand.ScanOptions(eventFile, OutputFormat.Json, null, null, null, Progress: false, new AwsOptions(null, null, null)) { PolicyFiles = files },
            stdout,
            stderr,
            TimeProvider.System,
            CancellationToken.None);

        Assert.Equal((ExitCodes.Usage, ""), (explain.ExitCode, explain.StdOut));
        Assert.StartsWith("denied: --read-policies reads the policies that --authorization-details", explain.StdErr, StringComparison.Ordinal);
        Assert.Equal((ExitCodes.Usage, ""), (scan, stdout.ToString()));
        Assert.StartsWith("denied: --read-policies reads the policies", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBuiltProgram_ReadsLive_WithItsRegionAndEndpointOptions()
    {
        var rewrites = await LivePolicySample.LoadAsync(moto, "boundary-lacks-action");
        var file = _folder.Write("event.json", LivePolicySample.Rewrite(File.ReadAllText(Path.Combine(LivePolicySample.Folder("boundary-lacks-action"), "event.json")), rewrites));

        var result = await Run.ProgramAsync([], "explain", file, "--read-policies", "--region", MotoServer.Region, "--endpoint-url", moto.EndpointUrl, "--output", "json");

        Assert.True(result.ExitCode == ExitCodes.DenialsFound, result.StdErr);
        using var doc = JsonDocument.Parse(result.StdOut);
        Assert.Equal(("live", "ReadTables"), (doc.RootElement.GetProperty("evaluation").GetProperty("source").GetString(), doc.RootElement.GetProperty("evaluation").GetProperty("statements")[0].GetProperty("sid").GetString()));
        var help = await Run.ProgramAsync([], "explain", "--help");
        Assert.Contains("--read-policies", help.StdOut, StringComparison.Ordinal);
    }

    private static (string? Decision, string? Layer, string Unseen) Summary(JsonElement evaluation) => (
        evaluation.GetProperty("decision").GetString(),
        evaluation.GetProperty("layer").GetString(),
        string.Join(",", evaluation.GetProperty("unseen").EnumerateArray().Select(u => u.GetString())));

    /// <summary>What names a statement; an SCP's ARN carries the organization's ID, which moto makes up, so its name stands for it.</summary>
    private static string Statement(JsonElement s)
    {
        var type = s.GetProperty("policyType").GetString();
        var arn = type is "service-control-policy" or "resource-control-policy" ? "" : s.GetProperty("policyArn").GetString();
        return string.Join(
            " | ",
            type,
            s.GetProperty("policyName").GetString(),
            arn,
            s.GetProperty("resourceArn").GetString(),
            s.GetProperty("sid").GetString(),
            s.GetProperty("index").GetInt32(),
            s.GetProperty("effect").GetString(),
            s.GetProperty("decisive").GetBoolean(),
            string.Join(",", s.GetProperty("mismatch").EnumerateArray().Select(m => m.GetString())));
    }

    private static PolicyFileOptions.Files OfflineFiles(string name) => new(
        new FileInfo(Path.Combine(LivePolicySample.Folder(name), "authorization-details.json")),
        new FileInfo(Path.Combine(LivePolicySample.Folder(name), "resource-policies.json")),
        new FileInfo(Path.Combine(LivePolicySample.Folder(name), "organization-policies.json")));

    private Run.Result ExplainLive(string name, IReadOnlyList<(string Old, string New)> rewrites)
    {
        var file = _folder.Write(name + ".json", LivePolicySample.Rewrite(File.ReadAllText(Path.Combine(LivePolicySample.Folder(name), "event.json")), rewrites));
        return Explain(file, PolicyFileOptions.Files.None with { ReadPolicies = new AwsOptions(MotoServer.Region, null, moto.EndpointUrl) });
    }

    private static Run.Result Explain(string file, PolicyFileOptions.Files files, OutputFormat format = OutputFormat.Json)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = ExplainCommand.Run(file, format, null, stdout, stderr, policyFiles: files);
        return new Run.Result(code, stdout.ToString(), stderr.ToString());
    }
}
