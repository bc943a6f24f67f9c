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
        // "no resource-based policy allows" on a same-account key: the key policy refused, so only it changes.
        { "kms-decrypt-key-policy", "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/8f0c7a2e-3b1d-4d7e-9a51-6c2f0e4b9d13", "resource-policy", "resource-policy", "payments-worker" },
        { "secretsmanager-scp-explicit-deny", "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/payments/stripe-AbCdEf", "service-control-policy", "none", "payments-worker" },
        { "s3-listobjectsv2-plain-access-denied", "s3:ListBucket", "arn:aws:s3:::acme-orders-prod", "unknown", "execution-role", "orders-api" },
        { "s3-getobject-identity-implicit", "s3:GetObject", "arn:aws:s3:::acme-orders-prod/invoices/2026/11/inv-1000.pdf", "identity-policy", "execution-role", "orders-api" },
        { "ec2-encoded-authorization-message", "ec2:DescribeInstances", "*", "unknown", "execution-role", "inventory-sync" },
        // Lambda's configuration-time message names no policy type.
        { "lambda-esm-role-lacks-receivemessage", "sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:111122223333:thumbnail-requests", "unknown", "execution-role", "thumbnailer" },
        { "iam-authorization-id-implicit", "iam:CreateInstanceProfile", "arn:aws:iam::111122223333:instance-profile/inventory-workers", "identity-policy", "execution-role", "inventory-sync" },
        { "lambda-trust-policy-rejection", "sts:AssumeRole", "arn:aws:iam::111122223333:role/service/alerts-fanout-role", "resource-policy", "resource-policy", "alerts-fanout" },
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
    public void KmsKeyPolicyDenialFixesTheKeyPolicyOnlyWithTheRoleAsPrincipal()
    {
        using var doc = JsonDocument.Parse(Run.Explain(Run.Sample("kms-decrypt-key-policy")).StdOut);
        var statements = doc.RootElement.GetProperty("fix").GetProperty("statements").EnumerateArray().ToList();

        var keyPolicy = Assert.Single(statements);
        Assert.Equal("key-policy", keyPolicy.GetProperty("document").GetString());
        Assert.Equal("arn:aws:iam::111122223333:role/service/payments/payments-worker-role", keyPolicy.GetProperty("statement").GetProperty("Principal").GetProperty("AWS").GetString());
        Assert.Equal("kms:Decrypt", keyPolicy.GetProperty("statement").GetProperty("Action").GetString());
    }

    [Fact]
    public void EventSourceMappingDenialWithoutInventory_NamesNoRoleButTheFunctionsAsAPlaceholder()
    {
        using var doc = JsonDocument.Parse(Run.Explain(Run.Sample("lambda-esm-role-lacks-receivemessage")).StdOut);
        var d = doc.RootElement;
        var fix = d.GetProperty("fix");

        Assert.Equal(JsonValueKind.Null, d.GetProperty("function").GetProperty("roleArn").ValueKind);
        Assert.DoesNotContain("deploy-pipeline", fix.GetRawText(), StringComparison.Ordinal);
        Assert.StartsWith("aws iam put-role-policy --role-name ROLE_NAME ", fix.GetProperty("commands")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains(fix.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("aws lambda get-function-configuration --function-name thumbnailer --query Role", StringComparison.Ordinal));
    }

    [Fact]
    public void AuthorizationIdSampleCarriesTheIdAndTheLookupCommand()
    {
        using var doc = JsonDocument.Parse(Run.Explain(Run.Sample("iam-authorization-id-implicit")).StdOut);
        var d = doc.RootElement;

        Assert.Equal("k7q2m9x4p1w8z3v6b5n0", d.GetProperty("authorizationId").GetString());
        Assert.Contains(d.GetProperty("fix").GetProperty("notes").EnumerateArray(),
            n => n.GetString()!.Contains("aws iam-toolbox get-request-authorization-details --region us-east-1 --authorization-id k7q2m9x4p1w8z3v6b5n0", StringComparison.Ordinal));
    }

    [Fact]
    public void TrustPolicyRejectionSampleFixesTheTrustPolicyForLambda()
    {
        using var doc = JsonDocument.Parse(Run.Explain(Run.Sample("lambda-trust-policy-rejection")).StdOut);
        var fix = doc.RootElement.GetProperty("fix");
        var statement = Assert.Single(fix.GetProperty("statements").EnumerateArray().ToList());

        Assert.Equal("trust-policy", statement.GetProperty("document").GetString());
        Assert.Equal("lambda.amazonaws.com", statement.GetProperty("statement").GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Contains(fix.GetProperty("commands").EnumerateArray(), c => c.GetString()!.StartsWith("aws iam update-assume-role-policy --role-name alerts-fanout-role", StringComparison.Ordinal));
        Assert.DoesNotContain("deploy-pipeline", fix.GetRawText(), StringComparison.Ordinal);
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
