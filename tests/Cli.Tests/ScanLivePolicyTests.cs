using System.Text.Json;
using System.Text.Json.Nodes;
using Cli.Tests.Support;
using Denied.AwsClients.Policies;
using Denied.Cli;
using Denied.TestSupport;

namespace Cli.Tests;

/// <summary>
/// `denied scan --read-policies` against moto behind a counting proxy: each finding's latest denial is evaluated
/// live, each role, resource and account is read once per run however many findings share it, and a
/// configuration-time denial whose record names no execution role reads no role at all (never the caller's).
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class ScanLivePolicyTests(MotoServer moto) : IAsyncLifetime, IDisposable
{
    private const int Tables = 10;
    private readonly TempFolder _folder = new();

    public Task InitializeAsync() => moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task EachRoleResourceAndAccountIsReadOncePerRun_HoweverManyFindingsShareThem()
    {
        // boundary-lacks-action's role, denied PutItem and GetItem on ten tables, three times each: 20 findings.
        var rewrites = await LivePolicySample.LoadAsync(moto, "boundary-lacks-action");
        await MotoPython.RunAsync(moto, $$"""
            ddb = boto3.client("dynamodb", **kw)
            for i in range({{Tables}}):
                ddb.create_table(TableName=f"Orders{i}", KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}], AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
            """);
        var detail = JsonNode.Parse(LivePolicySample.Rewrite(File.ReadAllText(Path.Combine(LivePolicySample.Folder("boundary-lacks-action"), "event.json")), rewrites))!["detail"]!;
        var records = new JsonArray();
        foreach (var table in Enumerable.Range(0, Tables).Select(i => $"Orders{i}"))
        {
            foreach (var action in new[] { "PutItem", "GetItem" })
            {
                for (var n = 0; n < 3; n++)
                {
                    var record = detail.DeepClone();
                    record["eventID"] = $"{table}-{action}-{n}";
                    record["eventName"] = action;
                    record["requestParameters"]!["tableName"] = table;
                    record["errorMessage"] = record["errorMessage"]!.GetValue<string>().Replace("dynamodb:PutItem", "dynamodb:" + action, StringComparison.Ordinal).Replace("table/Orders", "table/" + table, StringComparison.Ordinal);
                    records.Add(record);
                }
            }
        }

        var log = _folder.Write("AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/20/log.json", new JsonObject { ["Records"] = records }.ToJsonString());
        using var proxy = new CountingProxy(moto.EndpointUrl);

        var (code, stdout, stderr) = await ScanAsync(log, proxy.Url);

        Assert.True(code == ExitCodes.DenialsFound, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(2 * Tables, findings.Count);
        Assert.Empty(JsonSchemaValidator.Load(RepoPaths.Combine("docs", "schemas", "scan-output.schema.json")).Validate(doc.RootElement));
        Assert.All(findings, f => Assert.Equal("live", f.GetProperty("evaluation").GetProperty("source").GetString()));
        Assert.Contains(findings, f => f.GetProperty("evaluation").GetProperty("statements").EnumerateArray().Any(s => s.GetProperty("sid").GetString() == "ReadTables"));
        var counts = new[] { "GetRole", "ListRolePolicies", "GetRolePolicy", "ListAttachedRolePolicies", "GetPolicy", "GetPolicyVersion", "GetResourcePolicy", "ListParents" }
            .Select(o => (o, proxy.Count(o)));
        Assert.Equal(new[] { ("GetRole", 1), ("ListRolePolicies", 1), ("GetRolePolicy", 1), ("ListAttachedRolePolicies", 1), ("GetPolicy", 1), ("GetPolicyVersion", 1), ("GetResourcePolicy", Tables), ("ListParents", 1) }, counts);
    }

    [Fact]
    public async Task AConfigurationTimeDenialWithoutTheExecutionRole_ReadsNoRole_AndSaysSo()
    {
        // The caller (the deploy pipeline's role) exists and is readable; it is not the role Lambda checked.
        await MotoPython.RunAsync(moto, """
            boto3.client("iam", **kw).create_role(RoleName="deploy-pipeline", Path="/ci/", AssumeRolePolicyDocument="{}")
            """);
        var file = _folder.Write("esm.json", File.ReadAllText(Run.Sample("lambda-esm-role-lacks-receivemessage")).Replace(LivePolicySample.SampleAccount, MotoServer.AccountId, StringComparison.Ordinal));
        using var proxy = new CountingProxy(moto.EndpointUrl);

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = ExplainCommand.Run(file, OutputFormat.Json, null, stdout, stderr, policyFiles: PolicyFileOptions.Files.None with { ReadPolicies = new AwsOptions(MotoServer.Region, null, proxy.Url) });

        Assert.Equal(ExitCodes.DenialsFound, code);
        Assert.DoesNotContain(proxy.Operations, o => o.StartsWith("GetRole", StringComparison.Ordinal) || o.StartsWith("ListRolePolicies", StringComparison.Ordinal));
        using var doc = JsonDocument.Parse(stdout.ToString());
        Assert.Contains(PolicyReadPlan.NoRoleNote, doc.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains("identity-policy", doc.RootElement.GetProperty("evaluation").GetProperty("unseen").EnumerateArray().Select(u => u.GetString()));
        Assert.DoesNotContain("deploy-pipeline", doc.RootElement.GetProperty("evaluation").GetRawText(), StringComparison.Ordinal);
    }

    private static async Task<(int Code, string StdOut, string StdErr)> ScanAsync(string path, string endpoint)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var aws = new AwsOptions(MotoServer.Region, null, endpoint);
        var options = new ScanCommand.ScanOptions(path, OutputFormat.Json, null, null, null, Progress: false, aws)
        {
            PolicyFiles = PolicyFileOptions.Files.None with { ReadPolicies = aws },
        };
        var code = await ScanCommand.RunAsync(options, stdout, stderr, TimeProvider.System, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
