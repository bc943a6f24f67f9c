using System.Text.Json;
using Cli.Tests.Support;
using Denied.Cli;

namespace Cli.Tests;

/// <summary>`denied explain --output json` on each sample event: the action, resource, layer and fix target it names.</summary>
public sealed class ExplainSampleTests
{
    public static TheoryData<string, string, string, string, string, string?> Samples => new()
    {
        // sample, action, resource, layer, fix target, function
        { "kms-decrypt-key-policy", "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/8f0c7a2e-3b1d-4d7e-9a51-6c2f0e4b9d13", "resource-policy", "both", "payments-worker" },
        { "secretsmanager-scp-explicit-deny", "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/payments/stripe-AbCdEf", "service-control-policy", "none", "payments-worker" },
        { "s3-listobjectsv2-plain-access-denied", "s3:ListBucket", "arn:aws:s3:::acme-orders-prod", "unknown", "execution-role", "orders-api" },
        { "s3-getobject-identity-implicit", "s3:GetObject", "arn:aws:s3:::acme-orders-prod/invoices/2026/11/inv-1000.pdf", "identity-policy", "execution-role", "orders-api" },
        { "ec2-encoded-authorization-message", "ec2:DescribeInstances", "*", "unknown", "execution-role", "inventory-sync" },
        { "lambda-esm-role-lacks-receivemessage", "sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:111122223333:thumbnail-requests", "identity-policy", "execution-role", "thumbnailer" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void ExplainNamesTheActionResourceLayerAndFixTarget(string sample, string action, string resource, string layer, string target, string? function)
    {
        var result = Run.Explain(Run.Sample(sample));

        Assert.Equal(ExitCodes.DenialsFound, result.ExitCode);
        Assert.Equal("", result.StdErr);
        using var doc = JsonDocument.Parse(result.StdOut);
        var d = doc.RootElement;
        Assert.True(d.GetProperty("denied").GetBoolean());
        Assert.Equal(action, d.GetProperty("action").GetString());
        Assert.Equal(resource, d.GetProperty("resource").GetString());
        Assert.Equal(layer, d.GetProperty("layer").GetString());
        Assert.Equal(target, d.GetProperty("fix").GetProperty("target").GetString());
        Assert.Equal(function, d.GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public void KmsKeyPolicyDenialFixesBothTheRoleAndTheKeyPolicyWithTheRoleAsPrincipal()
    {
        using var doc = JsonDocument.Parse(Run.Explain(Run.Sample("kms-decrypt-key-policy")).StdOut);
        var statements = doc.RootElement.GetProperty("fix").GetProperty("statements").EnumerateArray().ToList();

        Assert.Equal(["execution-role", "key-policy"], statements.Select(s => s.GetProperty("document").GetString()));
        var keyPolicy = statements[1].GetProperty("statement");
        Assert.Equal("arn:aws:iam::111122223333:role/service/payments/payments-worker-role", keyPolicy.GetProperty("Principal").GetProperty("AWS").GetString());
        Assert.All(statements, s => Assert.Equal("kms:Decrypt", s.GetProperty("statement").GetProperty("Action").GetString()));
    }

    [Fact]
    public void ScpExplicitDenyNamesThePolicyAndSuggestsNoAllow()
    {
        using var doc = JsonDocument.Parse(Run.Explain(Run.Sample("secretsmanager-scp-explicit-deny")).StdOut);
        var d = doc.RootElement;

        // AWS words every SCP denial "explicit deny", even an implicit one (IAM UG), so the record does not say.
        Assert.Equal(JsonValueKind.Null, d.GetProperty("explicitDeny").ValueKind);
        Assert.Equal("arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/service_control_policy/p-deny0secrets", d.GetProperty("denyingPolicyArn").GetString());
        var fix = d.GetProperty("fix");
        Assert.Empty(fix.GetProperty("statements").EnumerateArray());
        Assert.DoesNotContain("\"Allow\"", fix.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(fix.GetProperty("commands").EnumerateArray());
    }

    [Fact]
    public void EncodedAuthorizationMessageIsExplainedAsNotDecodable()
    {
        using var doc = JsonDocument.Parse(Run.Explain(Run.Sample("ec2-encoded-authorization-message")).StdOut);
        var notes = doc.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToList();

        Assert.Contains(notes, n => n.Contains("encoded", StringComparison.OrdinalIgnoreCase) && n.Contains("decode", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void EventSourceMappingDenialNamesTheFunctionBeingConfiguredAndTheSqsCompanions()
    {
        using var doc = JsonDocument.Parse(Run.Explain(Run.Sample("lambda-esm-role-lacks-receivemessage")).StdOut);
        var d = doc.RootElement;

        Assert.Equal("thumbnailer", d.GetProperty("function").GetProperty("name").GetString());
        var notes = string.Join("\n", d.GetProperty("fix").GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains("sqs:DeleteMessage", notes, StringComparison.Ordinal);
        Assert.Contains("sqs:GetQueueAttributes", notes, StringComparison.Ordinal);
    }

    [Fact]
    public void InventoryGivesTheConfiguredFunctionItsExecutionRole()
    {
        var functions = new FileInfo(Denied.TestSupport.RepoPaths.Combine("samples", "functions.json"));
        using var doc = JsonDocument.Parse(Run.Explain(Run.Sample("lambda-esm-role-lacks-receivemessage"), functions: functions).StdOut);

        Assert.Equal("arn:aws:iam::111122223333:role/service/thumbnailer-role", doc.RootElement.GetProperty("function").GetProperty("roleArn").GetString());
    }

    [Fact]
    public void MissingFileIsAUsageErrorNamingTheFile()
    {
        var result = Run.Explain("/no/such/event.json");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("/no/such/event.json", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut);
    }

    [Fact]
    public void SuccessfulCallIsExplainedAsNotADenialWithExitZero()
    {
        using var folder = new TempFolder();
        var file = folder.Write("ok.json", """{"eventVersion":"1.09","eventSource":"s3.amazonaws.com","eventName":"GetObject","eventID":"ok-1","userIdentity":{"type":"AssumedRole"}}""");

        var result = Run.Explain(file);

        Assert.Equal(ExitCodes.Clean, result.ExitCode);
        using var doc = JsonDocument.Parse(result.StdOut);
        Assert.False(doc.RootElement.GetProperty("denied").GetBoolean());
    }
}
