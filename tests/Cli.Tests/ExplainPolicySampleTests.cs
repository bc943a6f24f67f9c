using System.Text.Json;
using Cli.Tests.Support;
using Denied.Cli;
using Denied.TestSupport;

namespace Cli.Tests;

/// <summary>
/// `denied explain` with the three offline policy files (samples/policies/CASE/): the evaluation names the deciding
/// statement or the near-miss Allow, the layer follows it, and the fix targets the side that lacks the Allow.
/// </summary>
public sealed class ExplainPolicySampleTests
{
    private static readonly JsonSchemaValidator DiagnosisSchema = JsonSchemaValidator.Load(RepoPaths.Combine("docs", "schemas", "diagnosis.schema.json"));

    public static TheoryData<string, string, string, string, bool, string, string> Cases => new()
    {
        // case, decision, evaluation layer, statement Sid, decisive, mismatch, fix target
        { "identity-allow-wrong-resource", "implicit-deny", "identity-policy", "ReadExports", false, "resource", "execution-role" },
        { "explicit-deny-source-vpce", "explicit-deny", "identity-policy", "OnlyThroughOrdersEndpoint", true, "", "none" },
        { "boundary-lacks-action", "implicit-deny", "permissions-boundary", "ReadTables", false, "action", "execution-role" },
        { "cross-account-bucket-other-role", "implicit-deny", "resource-policy", "ReportsBuilderReads", false, "principal", "resource-policy" },
        { "kms-key-policy-without-delegation", "implicit-deny", "resource-policy", "PaymentsWorkerEncrypts", false, "action", "resource-policy" },
        { "trust-policy-without-lambda", "implicit-deny", "resource-policy", "Ec2Assumes", false, "principal", "resource-policy" },
        { "scp-deny", "explicit-deny", "service-control-policy", "DenyProdSecretsToOthers", true, "", "none" },
    };

    private static string Folder(string name) => RepoPaths.Combine("samples", "policies", name);

    private static PolicyFileOptions.Files FilesOf(string name) => new(
        new FileInfo(Path.Combine(Folder(name), "authorization-details.json")),
        new FileInfo(Path.Combine(Folder(name), "resource-policies.json")),
        new FileInfo(Path.Combine(Folder(name), "organization-policies.json")));

    private static Run.Result Explain(string name, OutputFormat format = OutputFormat.Json, PolicyFileOptions.Files? files = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = ExplainCommand.Run(Path.Combine(Folder(name), "event.json"), format, null, stdout, stderr, policyFiles: files ?? FilesOf(name));
        return new Run.Result(code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheEvaluationNamesTheDecidingOrNearMissStatement(string name, string decision, string layer, string sid, bool decisive, string mismatch, string target)
    {
        var result = Explain(name);

        Assert.Equal(ExitCodes.DenialsFound, result.ExitCode);
        Assert.Equal("", result.StdErr);
        using var doc = JsonDocument.Parse(result.StdOut);
        var evaluation = doc.RootElement.GetProperty("evaluation");
        Assert.Equal("authorization-details-file", evaluation.GetProperty("source").GetString());
        Assert.Equal(decision, evaluation.GetProperty("decision").GetString());
        Assert.Equal(layer, evaluation.GetProperty("layer").GetString());
        var statement = Assert.Single(evaluation.GetProperty("statements").EnumerateArray());
        Assert.Equal(sid, statement.GetProperty("sid").GetString());
        Assert.Equal(decisive, statement.GetProperty("decisive").GetBoolean());
        Assert.Equal(mismatch, string.Join(",", statement.GetProperty("mismatch").EnumerateArray().Select(m => m.GetString())));
        Assert.Equal(target, doc.RootElement.GetProperty("fix").GetProperty("target").GetString());
        Assert.Empty(DiagnosisSchema.Validate(doc.RootElement));
    }

    [Fact]
    public void StatementsCarryTheirPolicysNameByKind()
    {
        using var inline = JsonDocument.Parse(Explain("identity-allow-wrong-resource").StdOut);
        var s = inline.RootElement.GetProperty("evaluation").GetProperty("statements")[0];
        Assert.Equal(("identity-policy", "orders-bucket", JsonValueKind.Null, JsonValueKind.Null, 0), (s.GetProperty("policyType").GetString(), s.GetProperty("policyName").GetString(), s.GetProperty("policyArn").ValueKind, s.GetProperty("resourceArn").ValueKind, s.GetProperty("index").GetInt32()));

        using var bucket = JsonDocument.Parse(Explain("cross-account-bucket-other-role").StdOut);
        var b = bucket.RootElement.GetProperty("evaluation").GetProperty("statements")[0];
        Assert.Equal(("resource-policy", "arn:aws:s3:::partner-exports-444455556666"), (b.GetProperty("policyType").GetString(), b.GetProperty("resourceArn").GetString()));

        using var boundary = JsonDocument.Parse(Explain("boundary-lacks-action").StdOut);
        Assert.Equal("arn:aws:iam::111122223333:policy/lambda-read-only-boundary", boundary.RootElement.GetProperty("evaluation").GetProperty("statements")[0].GetProperty("policyArn").GetString());
    }

    [Fact]
    public void AnInlineNearMissIsEditedAndTheWholePolicyWrittenBack()
    {
        using var doc = JsonDocument.Parse(Explain("identity-allow-wrong-resource").StdOut);
        var fix = doc.RootElement.GetProperty("fix");
        Assert.Equal("execution-role", fix.GetProperty("target").GetString());
        // Only the companion s3:ListBucket stays a separate statement; the denied action is in the edited policy.
        var companion = Assert.Single(fix.GetProperty("statements").EnumerateArray().ToList());
        Assert.Equal("s3:ListBucket", companion.GetProperty("statement").GetProperty("Action").GetString());
        Assert.Contains(fix.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("The edit changes only the denied action's statement; the companion statement shown beside it is not in the command", StringComparison.Ordinal));
        // The statement as read, with exactly the denied object added: nothing broader, no other statement.
        Assert.Equal(
            """aws iam put-role-policy --role-name orders-api-role --policy-name orders-bucket --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"ReadExports","Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::acme-orders-prod/exports/*","arn:aws:s3:::acme-orders-prod/invoices/2026/11/inv-1000.pdf"]}]}'""",
            Assert.Single(fix.GetProperty("commands").EnumerateArray()).GetString());
        Assert.Contains(fix.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("In a template, change that statement instead of adding one", StringComparison.Ordinal));
        Assert.All(fix.GetProperty("snippets").EnumerateObject(), s => Assert.Contains("change the statement with Sid \"ReadExports\"", s.Value.GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void ACustomerManagedNearMissGetsANewDefaultVersionWithTheFiveVersionNote()
    {
        using var folder = new TempFolder();
        var details = File.ReadAllText(Path.Combine(Folder("identity-allow-wrong-resource"), "authorization-details.json"));
        var node = System.Text.Json.Nodes.JsonNode.Parse(details)!;
        var role = node["RoleDetailList"]![0]!;
        var inline = role["RolePolicyList"]![0]!["PolicyDocument"]!.DeepClone();
        role["RolePolicyList"] = new System.Text.Json.Nodes.JsonArray();
        role["AttachedManagedPolicies"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""{"PolicyName":"orders-bucket","PolicyArn":"arn:aws:iam::111122223333:policy/orders-bucket"}"""));
        node["Policies"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""{"PolicyName":"orders-bucket","Arn":"arn:aws:iam::111122223333:policy/orders-bucket","DefaultVersionId":"v3","PolicyVersionList":[{"VersionId":"v3","IsDefaultVersion":true}]}"""));
        node["Policies"]![node["Policies"]!.AsArray().Count - 1]!["PolicyVersionList"]![0]!["Document"] = inline;
        var file = folder.Write("authorization-details.json", node.ToJsonString());

        var result = Explain("identity-allow-wrong-resource", files: FilesOf("identity-allow-wrong-resource") with { AuthorizationDetails = new FileInfo(file) });

        using var doc = JsonDocument.Parse(result.StdOut);
        var fix = doc.RootElement.GetProperty("fix");
        Assert.StartsWith("aws iam create-policy-version --policy-arn arn:aws:iam::111122223333:policy/orders-bucket --set-as-default --policy-document ", Assert.Single(fix.GetProperty("commands").EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.Contains(fix.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("A managed policy keeps at most five versions", StringComparison.Ordinal));
    }

    [Fact]
    public void AnAwsManagedNearMissIsNeverEdited()
    {
        using var folder = new TempFolder();
        // AmazonS3ReadOnlyAccess-like: an AWS managed policy that allows the action on another bucket only.
        var file = folder.Write("authorization-details.json", """
            {"RoleDetailList":[{"RoleName":"orders-api-role","Arn":"arn:aws:iam::111122223333:role/service/orders-api-role","AttachedManagedPolicies":[{"PolicyName":"AwsManagedExports","PolicyArn":"arn:aws:iam::aws:policy/AwsManagedExports"}]}],
             "Policies":[{"PolicyName":"AwsManagedExports","Arn":"arn:aws:iam::aws:policy/AwsManagedExports","PolicyVersionList":[{"VersionId":"v1","IsDefaultVersion":true,"Document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::exports/*"}]}}]}]}
            """);

        var result = Explain("identity-allow-wrong-resource", files: FilesOf("identity-allow-wrong-resource") with { AuthorizationDetails = new FileInfo(file) });

        using var doc = JsonDocument.Parse(result.StdOut);
        var fix = doc.RootElement.GetProperty("fix");
        Assert.DoesNotContain(fix.GetProperty("commands").EnumerateArray(), c => c.GetString()!.Contains("AwsManagedExports", StringComparison.Ordinal));
        Assert.Equal("arn:aws:s3:::acme-orders-prod/invoices/2026/11/inv-1000.pdf", fix.GetProperty("statements")[0].GetProperty("statement").GetProperty("Resource").GetString());
        Assert.Contains(doc.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("AWS managed policies cannot be edited", StringComparison.Ordinal));
    }

    [Fact]
    public void AnExplicitDenyNamesTheConditionThatMadeItApplyAndWhoCanChangeIt()
    {
        using var vpce = JsonDocument.Parse(Explain("explicit-deny-source-vpce").StdOut);
        var notes = vpce.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Contains(notes, n => n.Contains("\"OnlyThroughOrdersEndpoint\" of inline policy orders-bucket denies it: its condition on aws:SourceVpce applied", StringComparison.Ordinal)
                                    && n.Contains("an IAM administrator of account 111122223333", StringComparison.Ordinal));
        // The call came through an interface endpoint whose policy no file gives.
        Assert.Equal(["vpc-endpoint-policy"], vpce.RootElement.GetProperty("evaluation").GetProperty("unseen").EnumerateArray().Select(u => u.GetString()));
        Assert.Empty(vpce.RootElement.GetProperty("fix").GetProperty("statements").EnumerateArray());

        using var scp = JsonDocument.Parse(Explain("scp-deny").StdOut);
        Assert.Contains(scp.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("its condition on aws:PrincipalArn applied", StringComparison.Ordinal)
                                                                                    && n.GetString()!.Contains("management account", StringComparison.Ordinal));
    }

    [Fact]
    public void AMessageWithoutALayerTakesTheEvaluationsLayer()
    {
        // The plain S3 "Access Denied" names no layer; the identity policy read lacks s3:ListBucket.
        var files = new PolicyFileOptions.Files(new FileInfo(Path.Combine(Folder("identity-allow-wrong-resource"), "authorization-details.json")), null, null);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        ExplainCommand.Run(Run.Sample("s3-listobjectsv2-plain-access-denied"), OutputFormat.Json, null, stdout, stderr, policyFiles: files);
        using var doc = JsonDocument.Parse(stdout.ToString());
        var evaluation = doc.RootElement.GetProperty("evaluation");
        // Without the resource and organization files their layers are unseen, so no decision on them is claimed.
        Assert.Contains("resource-policy", evaluation.GetProperty("unseen").EnumerateArray().Select(u => u.GetString()));
        Assert.Contains("service-control-policy", evaluation.GetProperty("unseen").EnumerateArray().Select(u => u.GetString()));
    }

    [Fact]
    public void TextAndMarkdownShowTheNearMiss()
    {
        var text = Explain("boundary-lacks-action", OutputFormat.Table).StdOut;
        Assert.Contains("evaluated implicit-deny in the permissions-boundary (policies from authorization-details-file)", text, StringComparison.Ordinal);
        Assert.Contains("near miss Allow Statement \"ReadTables\" of permissions boundary arn:aws:iam::111122223333:policy/lambda-read-only-boundary: does not match on action", text, StringComparison.Ordinal);

        var markdown = Explain("scp-deny", OutputFormat.Markdown).StdOut;
        // Markdown-escaped: the names come from user-given files.
        Assert.Contains("- **Deciding statement:** Deny Statement \\\"DenyProdSecretsToOthers\\\" of SCP ProdSecretsForReadersOnly", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutPolicyFilesTheRecordHasNoEvaluation()
    {
        var result = Explain("identity-allow-wrong-resource", files: PolicyFileOptions.Files.None);
        using var doc = JsonDocument.Parse(result.StdOut);
        Assert.False(doc.RootElement.TryGetProperty("evaluation", out _));
        Assert.Equal("identity-policy", doc.RootElement.GetProperty("layer").GetString());
    }

    [Theory]
    [InlineData("authorization-details", "--authorization-details")]
    [InlineData("resource-policies", "--resource-policies")]
    [InlineData("organization-policies", "--organization-policies")]
    public void ABadPolicyFileIsAUsageErrorNamingTheOption(string which, string option)
    {
        using var folder = new TempFolder();
        var bad = new FileInfo(Path.Combine(folder.Path, "bad.json"));
        File.WriteAllText(bad.FullName, "[1");
        var files = which switch
        {
            "authorization-details" => new PolicyFileOptions.Files(bad, null, null),
            "resource-policies" => new PolicyFileOptions.Files(null, bad, null),
            _ => new PolicyFileOptions.Files(null, null, bad),
        };

        var result = Explain("scp-deny", files: files);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith($"denied: {option} ", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("not JSON", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut);
    }

    [Fact]
    public async Task ScanFindingsCarryTheEvaluation()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var options = new ScanCommand.ScanOptions(Path.Combine(Folder("kms-key-policy-without-delegation"), "event.json"), OutputFormat.Json, null, null, null, Progress: false, new AwsOptions(null, null, null))
        {
            PolicyFiles = FilesOf("kms-key-policy-without-delegation"),
        };

        await ScanCommand.RunAsync(options, stdout, stderr, TimeProvider.System, CancellationToken.None);

        using var doc = JsonDocument.Parse(stdout.ToString());
        var finding = Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray());
        var statement = Assert.Single(finding.GetProperty("evaluation").GetProperty("statements").EnumerateArray());
        Assert.Equal("PaymentsWorkerEncrypts", statement.GetProperty("sid").GetString());
        Assert.Empty(JsonSchemaValidator.Load(RepoPaths.Combine("docs", "schemas", "scan-output.schema.json")).Validate(doc.RootElement));
    }

    public static TheoryData<string> Names => new(Directory.EnumerateDirectories(RepoPaths.Combine("samples", "policies")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Names))]
    public void TheEvaluationReadsBackAsWritten(string name)
    {
        using var doc = JsonDocument.Parse(Explain(name).StdOut);
        var written = doc.RootElement.GetProperty("evaluation").GetRawText();

        var read = Denied.Rendering.DiagnosisJsonReader.Read(doc.RootElement);

        using var again = JsonDocument.Parse(Denied.Rendering.DiagnosisJson.Serialize(read));
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(written), System.Text.Json.Nodes.JsonNode.Parse(again.RootElement.GetProperty("evaluation").GetRawText())));
    }
}
