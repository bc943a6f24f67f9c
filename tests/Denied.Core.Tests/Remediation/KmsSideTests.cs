using Denied.Core.Tests.Fixtures;
using Denied.Diagnostics;
using Denied.Iam;
using Denied.Remediation;

namespace Denied.Core.Tests.Remediation;

/// <summary>
/// KMS denials fix the side that refused (KMS DG "Default key policy", "KMS key access and permissions"): the role for
/// "no identity-based policy allows" on a same-account key, the key policy for "no resource-based policy allows", both
/// for a key in another account. Senders to SSE-KMS topics and queues need kms:GenerateDataKey* and kms:Decrypt.
/// </summary>
public sealed class KmsSideTests
{
    private const string LocalKey = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string ForeignKey = "arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    [Theory]
    [InlineData("kms:Decrypt", LocalKey, DenialLayer.IdentityPolicy, FixTarget.ExecutionRole, "execution-role")]
    [InlineData("kms:GenerateDataKey", LocalKey, DenialLayer.IdentityPolicy, FixTarget.ExecutionRole, "execution-role")]
    [InlineData("kms:Decrypt", LocalKey, DenialLayer.ResourcePolicy, FixTarget.ResourcePolicy, "key-policy")]
    [InlineData("kms:Encrypt", LocalKey, DenialLayer.ResourcePolicy, FixTarget.ResourcePolicy, "key-policy")]
    [InlineData("kms:Decrypt", ForeignKey, DenialLayer.IdentityPolicy, FixTarget.Both, "execution-role,key-policy")]
    [InlineData("kms:Decrypt", ForeignKey, DenialLayer.ResourcePolicy, FixTarget.Both, "execution-role,key-policy")]
    [InlineData("kms:Decrypt", LocalKey, DenialLayer.Unknown, FixTarget.Both, "execution-role,key-policy")]
    public void TheFixChangesTheSideThatRefused(string action, string key, DenialLayer layer, FixTarget target, string documents)
    {
        var fix = FixBuilder.Build(SomeFixRequest.For(action, key, layer, layer == DenialLayer.Unknown ? null : false));

        Assert.Equal(target, fix.Target);
        Assert.Equal(documents.Split(','), fix.Statements.Select(s => s.Document));
        Assert.Equal(documents.Contains("execution-role", StringComparison.Ordinal), fix.Commands.Any(c => c.Contains("put-role-policy", StringComparison.Ordinal)));
        Assert.Equal(documents.Contains("key-policy", StringComparison.Ordinal), fix.Commands.Any(c => c.Contains("get-key-policy", StringComparison.Ordinal)));
    }

    [Fact]
    public void CrossAccountKey_SaysWhichAccountOwnsWhichDocument()
    {
        var fix = FixBuilder.Build(SomeFixRequest.For("kms:Decrypt", ForeignKey));

        Assert.Contains(fix.Notes, n => n.Contains("belongs to account 444455556666", StringComparison.Ordinal)
            && n.Contains("the role's policy (account 123456789012)", StringComparison.Ordinal));
    }

    [Theory]
    // Behind S3 (SSE-KMS object), Lambda environment decryption and SNS: the same rule, from whole records.
    [InlineData("s3-getobject-bucket-policy-explicit.json", "s3.amazonaws.com", "GetObject", "no identity-based policy allows the kms:Decrypt action", FixTarget.ExecutionRole)]
    [InlineData("s3-getobject-bucket-policy-explicit.json", "s3.amazonaws.com", "GetObject", "no resource-based policy allows the kms:Decrypt action", FixTarget.ResourcePolicy)]
    [InlineData("sns-publish-kms-encrypted-topic.json", "sns.amazonaws.com", "Publish", "no resource-based policy allows the kms:Decrypt action", FixTarget.ResourcePolicy)]
    [InlineData("sns-publish-kms-encrypted-topic.json", "sqs.amazonaws.com", "SendMessage", "no identity-based policy allows the kms:Decrypt action", FixTarget.ExecutionRole)]
    public void KmsDenialBehindAnotherService_FixesTheSideThatRefused(string fixture, string source, string name, string clause, FixTarget target)
    {
        var record = Fixture.Record(fixture, r =>
        {
            r["eventSource"] = source;
            r["eventName"] = name;
            r["errorCode"] = "AccessDenied";
            // The message names the record's own caller, as AWS writes it.
            r["errorMessage"] = $"User: {r["userIdentity"]!["arn"]} is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key/0e1d2c3b-4a59-4687-9a8b-7c6d5e4f3a2b because " + clause;
        });

        var diagnosis = new Diagnoser(IamCatalog.Default).Diagnose(record);

        Assert.Equal("kms:Decrypt", diagnosis.Action);
        Assert.Equal(target, diagnosis.Fix!.Target);
    }

    [Fact]
    public void LambdaEnvironmentDecryption_SameAccountIdentityDenial_ChangesTheRoleOnly()
    {
        var fix = new Diagnoser(IamCatalog.Default).Diagnose(Fixture.Record("lambda-invoke-kms-environment-denied.json")).Fix!;

        Assert.Equal(FixTarget.ExecutionRole, fix.Target);
        Assert.DoesNotContain(fix.Statements, s => s.Document == "key-policy");
    }

    [Theory]
    [InlineData("sns.amazonaws.com", "Publish", "sns:Publish")]
    [InlineData("sns.amazonaws.com", "PublishBatch", "sns:Publish")]
    [InlineData("sqs.amazonaws.com", "SendMessage", "sqs:SendMessage")]
    [InlineData("sqs.amazonaws.com", "SendMessageBatch", "sqs:SendMessage")]
    public void SenderToAnEncryptedTopicOrQueue_GetsGenerateDataKeyAndDecrypt(string source, string name, string call)
    {
        var record = Fixture.Record("sns-publish-kms-encrypted-topic.json", r =>
        {
            r["eventSource"] = source;
            r["eventName"] = name;
        });

        var fix = new Diagnoser(IamCatalog.Default).Diagnose(record).Fix!;

        var statement = Assert.Single(fix.Statements).Statement;
        Assert.Equal(["kms:GenerateDataKey*", "kms:Decrypt"], statement.Actions);
        Assert.Equal(["arn:aws:kms:us-east-1:111122223333:key/0e1d2c3b-4a59-4687-9a8b-7c6d5e4f3a2b"], statement.Resources);
        Assert.Contains(fix.Notes, n => n.Contains(call, StringComparison.Ordinal) && n.Contains("kms:GenerateDataKey* and kms:Decrypt", StringComparison.Ordinal));
    }

    [Fact]
    public void KmsDenialOfAnotherCall_GrantsOnlyTheDeniedAction()
    {
        var record = Fixture.Record("sns-publish-kms-encrypted-topic.json", r =>
        {
            r["eventSource"] = "kms.amazonaws.com";
            r["eventName"] = "GenerateDataKey";
        });

        var statement = Assert.Single(new Diagnoser(IamCatalog.Default).Diagnose(record).Fix!.Statements).Statement;

        Assert.Equal(["kms:GenerateDataKey"], statement.Actions);
    }
}
