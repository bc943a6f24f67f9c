using Denied.Core.Tests.Fixtures;
using Denied.Core.Tests.Principals;
using Denied.Diagnostics;
using Denied.Iam;
using Denied.Principals;
using Denied.Remediation;

namespace Denied.Core.Tests.Diagnostics;

/// <summary>Whole diagnoses of the message forms that need more than one step to get right.</summary>
public class DiagnoserTests
{
    public static TheoryData<string, string?, string?, DenialLayer?, bool?, FixTarget?, string?> Rows => new()
    {
        // EC2's current form: the SCP stays an SCP (no Allow), whether or not the deny is explicit is not said.
        { "ec2-createnetworkinterface-scp-prefixed-encoded.json", "ec2:CreateNetworkInterface",
            "arn:aws:ec2:us-east-1:111122223333:network-interface/*", DenialLayer.ServiceControlPolicy, null, FixTarget.None, "orders-api" },
        { "ec2-createsnapshot-identity-implicit-prefixed.json", "ec2:CreateSnapshot",
            "arn:aws:ec2:us-east-1::snapshot/*", DenialLayer.IdentityPolicy, false, FixTarget.ExecutionRole, "orders-api" },
        // SQS names the queue by URL; the diagnosis names it by ARN although requestParameters is null.
        { "sqs-sendmessage-access-to-resource-queue-url.json", "sqs:SendMessage",
            "arn:aws:sqs:us-east-1:111122223333:orders-jobs", DenialLayer.Unknown, null, FixTarget.ExecutionRole, "orders-api" },
        // Lambda could not decrypt thumbnailer's environment: kms:Decrypt by thumbnailer's role, not the caller's invoke;
        // "no identity-based policy allows" on a same-account key: the role's side refused, the key policy stays as it is.
        { "lambda-invoke-kms-environment-denied.json", "kms:Decrypt",
            "arn:aws:kms:us-east-1:111122223333:key/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d", DenialLayer.IdentityPolicy, false, FixTarget.ExecutionRole, "thumbnailer" },
        // Secrets Manager's KMS refusal: kms:Decrypt on a key the record does not name, so no statement.
        { "secretsmanager-getsecretvalue-kms-not-allowed.json", "kms:Decrypt", null, DenialLayer.Unknown, null, FixTarget.ExecutionRole, "orders-api" },
        // An expired presigned URL is not a denial at all.
        { "not-denied-s3-getobject-presigned-url-expired.json", null, null, null, null, null, null },
        // The caller's identity policy lacks lambda:InvokeFunction: the caller's finding.
        { "lambda-invoke-destination-identity-implicit.json", "lambda:InvokeFunction",
            "arn:aws:lambda:us-east-1:111122223333:function:invoice-renderer", DenialLayer.IdentityPolicy, false, FixTarget.ExecutionRole, "orders-api" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Diagnose_Fixture_GivesActionResourceLayerFixAndFunction(
        string fixture, string? action, string? resource, DenialLayer? layer, bool? explicitDeny, FixTarget? target, string? function)
    {
        var diagnosis = new Diagnoser(IamCatalog.Default).Diagnose(Fixture.Record(fixture));

        Assert.Equal(action, diagnosis.Action);
        Assert.Equal(resource, diagnosis.Resource);
        Assert.Equal(layer, diagnosis.Layer);
        Assert.Equal(explicitDeny, diagnosis.ExplicitDeny);
        Assert.Equal(target, diagnosis.Fix?.Target);
        Assert.Equal(function, diagnosis.Function?.Name);
    }

    [Theory]
    [InlineData("ec2-createnetworkinterface-scp-prefixed-encoded.json", "arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/service_control_policy/p-denyeni01")]
    [InlineData("ec2-createsnapshot-identity-implicit-prefixed.json", null)]
    public void Diagnose_Ec2CurrentForm_KeepsThePolicyArnAndTheDecodeNote(string fixture, string? policyArn)
    {
        var diagnosis = new Diagnoser(IamCatalog.Default).Diagnose(Fixture.Record(fixture));

        Assert.Equal(policyArn, diagnosis.DenyingPolicyArn);
        Assert.Contains(diagnosis.Notes, n => n.Contains("decode-authorization-message", StringComparison.Ordinal));
    }

    [Fact]
    public void Diagnose_QueueNamedByUrl_NeverPutsTheUrlInAStatement()
    {
        var fix = new Diagnoser(IamCatalog.Default).Diagnose(Fixture.Record("sqs-sendmessage-access-to-resource-queue-url.json")).Fix!;

        Assert.NotEmpty(fix.Statements);
        Assert.All(fix.Statements.SelectMany(s => s.Statement.Resources), r => Assert.StartsWith("arn:aws:sqs:", r, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, "arn:aws:iam::111122223333:role/thumbnailer-role", "drops the role's path")]
    [InlineData(true, "arn:aws:iam::111122223333:role/service-role/thumbnailer-role", "caller's own permission to invoke was not the problem")]
    public void Diagnose_EnvironmentKmsDenial_FixesTheInvokedFunctionsRoleNotTheCallers(bool withInventory, string roleArn, string note)
    {
        var diagnoser = new Diagnoser(IamCatalog.Default, withInventory ? Inventories.Fixture() : null);

        var diagnosis = diagnoser.Diagnose(Fixture.Record("lambda-invoke-kms-environment-denied.json"));

        Assert.Equal(roleArn, diagnosis.Function?.RoleArn);
        Assert.Equal(roleArn, diagnosis.FixRequest?.RoleArn);
        Assert.Contains(diagnosis.Notes, n => n.Contains(note, StringComparison.Ordinal));
        Assert.Equal("orders-api", diagnosis.Principal.FunctionName);
    }

    [Fact]
    public void Diagnose_EnvironmentKmsDenialWithoutTheRole_DoesNotFallBackToTheCallersRole()
    {
        var record = Fixture.Record("lambda-invoke-kms-environment-denied.json", r => r["errorMessage"] =
            "Lambda was unable to decrypt the environment variables because KMS access was denied. Please check the function's KMS key settings. KMS Exception: AccessDeniedExceptionKMS Message: The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.");

        var diagnosis = new Diagnoser(IamCatalog.Default).Diagnose(record);

        Assert.Equal("kms:Decrypt", diagnosis.Action);
        Assert.Equal(new FunctionRef("thumbnailer", null), diagnosis.Function);
        Assert.Null(diagnosis.FixRequest?.RoleArn);
        Assert.Contains(diagnosis.Notes, n => n.Contains("get-function-configuration --query Role", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GetSecretValue", "kms:Decrypt")]
    [InlineData("BatchGetSecretValue", "kms:Decrypt")]
    [InlineData("PutSecretValue", "kms:GenerateDataKey")]
    [InlineData("CreateSecret", "kms:GenerateDataKey")]
    [InlineData("UpdateSecret", "kms:GenerateDataKey")]
    public void Diagnose_SecretsManagerKmsRefusal_IsTheKmsActionOfTheCall(string eventName, string action)
    {
        var record = Fixture.Record("secretsmanager-getsecretvalue-kms-not-allowed.json", r => r["eventName"] = eventName);

        var diagnosis = new Diagnoser(IamCatalog.Default).Diagnose(record);

        Assert.Equal(action, diagnosis.Action);
        Assert.Contains(diagnosis.Notes, n => n.Contains("describe-secret", StringComparison.Ordinal) && n.Contains(action, StringComparison.Ordinal));
        Assert.DoesNotContain(diagnosis.Fix!.Statements.SelectMany(s => s.Statement.Actions), a => a.StartsWith("secretsmanager:", StringComparison.Ordinal));
    }
}
