using System.Text.Json.Nodes;
using Denied.Remediation;
using Denied.TestSupport;

namespace Denied.Core.Tests.Remediation;

/// <summary>
/// A near-miss statement is changed, not joined by a new one: every snippet names the policy and the statement to
/// change and shows that statement as it reads after the change, parsed back by a real parser where there is one.
/// </summary>
public sealed class StatementEditSnippetsTests
{
    private const string Tools = "cdk cloudformation sam serverless terraform";

    private static readonly JsonObject Edited = JsonNode.Parse("""
        {
          "Sid": "ReadExports",
          "Effect": "Allow",
          "Action": ["s3:GetObject"],
          "Resource": ["arn:aws:s3:::acme-orders-prod/exports/*", "arn:aws:s3:::acme-orders-prod/invoices/${aws:PrincipalTag/team}/*"],
          "Condition": { "Bool": { "aws:SecureTransport": true }, "StringEquals": { "aws:SourceVpce": ["vpce-1a2b3c4d"] } }
        }
        """)!.AsObject();

    private static Fix Apply(string? policyName, string? policyArn, string? sid, int index, JsonNode statements)
    {
        var document = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = statements }.ToJsonString();
        var request = SomeFixRequest.For("s3:GetObject", "arn:aws:s3:::acme-orders-prod/invoices/${aws:PrincipalTag/team}/*");
        var edit = new StatementEdit(policyName, policyArn, sid, index, "Resource", "arn:aws:s3:::acme-orders-prod/invoices/${aws:PrincipalTag/team}/*", document);
        return StatementEditFix.Apply(FixBuilder.Build(request), request, edit);
    }

    private static Fix InlineEdit() =>
        Apply("orders-bucket", null, "ReadExports", 1, new JsonArray(JsonNode.Parse("""{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"*"}"""), Edited.DeepClone()));

    [Fact]
    public void EverySnippetNamesThePolicyTheStatementAndWhatToAdd()
    {
        var fix = InlineEdit();

        Assert.Equal(Tools.Split(' '), fix.Snippets.Keys);
        Assert.All(fix.Snippets.Values, snippet =>
        {
            var comment = snippet.Split('\n')[0];
            Assert.Contains("inline policy \"orders-bucket\" of role invoice-reader-role", comment, StringComparison.Ordinal);
            Assert.Contains("the statement with Sid \"ReadExports\"", comment, StringComparison.Ordinal);
            Assert.Contains("add arn:aws:s3:::acme-orders-prod/invoices/${aws:PrincipalTag/team}/* to its Resource", comment, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(fix.Snippets.Values, s => s.Contains("logs:PutLogEvents", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sam")]
    [InlineData("cloudformation")]
    public async Task TheYamlStatementParsesBackToTheEditedStatement(string tool)
    {
        var snippet = InlineEdit().Snippets[tool];

        var (exit, stdout, stderr) = await Python.RunAsync(["-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))"], snippet);

        Assert.True(exit == 0, stderr);
        var parsed = Assert.Single(JsonNode.Parse(stdout)!.AsArray());
        Assert.True(JsonNode.DeepEquals(Edited, parsed), parsed!.ToJsonString());
    }

    [Fact]
    public async Task TheServerlessStatementHidesPolicyVariablesFromTheFrameworksResolver()
    {
        var snippet = InlineEdit().Snippets["serverless"];

        var (exit, stdout, stderr) = await Python.RunAsync(["-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))"], snippet);

        Assert.True(exit == 0, stderr);
        var resources = JsonNode.Parse(stdout)![0]!["Resource"]!.AsArray();
        Assert.Equal("arn:aws:s3:::acme-orders-prod/exports/*", (string?)resources[0]);
        var join = resources[1]!["Fn::Join"]!.AsArray();
        Assert.Equal("arn:aws:s3:::acme-orders-prod/invoices/${aws:PrincipalTag/team}/*", string.Concat(join[1]!.AsArray().Select(p => (string?)p)));
        Assert.DoesNotContain(join[1]!.AsArray(), p => ((string?)p)!.Contains("${", StringComparison.Ordinal));
    }

    [Fact]
    public void TerraformAndCdkKeepPolicyVariablesLiteral()
    {
        var fix = InlineEdit();

        Assert.Contains("\"arn:aws:s3:::acme-orders-prod/invoices/$${aws:PrincipalTag/team}/*\"", fix.Snippets["terraform"], StringComparison.Ordinal);
        Assert.Contains("\"aws:SecureTransport\" = true", fix.Snippets["terraform"], StringComparison.Ordinal);
        Assert.Contains("iam.PolicyStatement.fromJson({", fix.Snippets["cdk"], StringComparison.Ordinal);
        Assert.Contains("'arn:aws:s3:::acme-orders-prod/invoices/${aws:PrincipalTag/team}/*'", fix.Snippets["cdk"], StringComparison.Ordinal);
    }

    [Fact]
    public void AManagedPolicyWithoutASidIsNamedByArnAndIndex()
    {
        var fix = Apply(null, "arn:aws:iam::123456789012:policy/orders-read", null, 0, Edited.DeepClone());

        Assert.All(fix.Snippets.Values, s => Assert.Contains("managed policy arn:aws:iam::123456789012:policy/orders-read, change statement 0 (zero-based)", s, StringComparison.Ordinal));
        Assert.Contains("AWS::IAM::ManagedPolicy", fix.Snippets["cloudformation"], StringComparison.Ordinal);
        Assert.Contains("aws_iam_policy", fix.Snippets["terraform"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHostileSidStaysInsideItsCommentAndItsString()
    {
        const string sid = "x\n- Effect: Deny\n  Action: \"*\"\u2028// '; touch pwned";
        var statement = Edited.DeepClone().AsObject();
        statement["Sid"] = sid;

        var fix = Apply("orders-bucket", null, sid, 0, new JsonArray(statement));

        foreach (var tool in new[] { "sam", "cloudformation" })
        {
            var (exit, stdout, stderr) = await Python.RunAsync(["-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))"], fix.Snippets[tool]);
            Assert.True(exit == 0, stderr);
            var parsed = Assert.Single(JsonNode.Parse(stdout)!.AsArray());
            Assert.Equal(sid, (string?)parsed!["Sid"]);
            Assert.Equal("Allow", (string?)parsed["Effect"]);
        }

        Assert.All(fix.Snippets.Values, s => Assert.DoesNotContain('\u2028', s.Split('\n')[0]));
    }

    [Fact]
    public void AnEditedDocumentThatCannotBeReadBackLeavesTheNoteAndNoSnippets()
    {
        var request = SomeFixRequest.For("s3:GetObject", "arn:aws:s3:::acme-orders-prod/a");
        var edit = new StatementEdit("orders-bucket", null, "ReadExports", 3, "Resource", "arn:aws:s3:::acme-orders-prod/a", """{"Statement":[]}""");

        var fix = StatementEditFix.Apply(FixBuilder.Build(request), request, edit);

        Assert.Empty(fix.Snippets);
        Assert.Contains(fix.Notes, n => n.Contains("change the same statement of that policy: add arn:aws:s3:::acme-orders-prod/a to its Resource", StringComparison.Ordinal));
    }
}
