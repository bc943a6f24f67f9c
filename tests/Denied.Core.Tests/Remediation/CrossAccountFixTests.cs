using Denied.Diagnostics;
using Denied.Remediation;

namespace Denied.Core.Tests.Remediation;

/// <summary>
/// A plain "Access Denied" on a resource another account owns: across accounts both the role's policy and the
/// resource's policy must allow the call, so the fix shows both, each with the account that owns its document.
/// </summary>
public sealed class CrossAccountFixTests
{
    private const string Other = "444455556666";

    public static TheoryData<string, string?, string> ResourcesWithAPolicy => new()
    {
        // action, resource, owner from resources[] (null: the ARN's own account), expected resource document
        { "s3:GetObject|arn:aws:s3:::partner-exports/daily.csv", Other, "bucket-policy" },
        { "sqs:SendMessage|arn:aws:sqs:eu-west-1:444455556666:orders", null, "queue-policy" },
        { "sns:Publish|arn:aws:sns:eu-west-1:444455556666:alerts", null, "topic-policy" },
        { "secretsmanager:GetSecretValue|arn:aws:secretsmanager:eu-west-1:444455556666:secret:shared-AbCdEf", null, "secret-policy" },
        { "kms:Decrypt|arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab", null, "key-policy" },
        { "lambda:InvokeFunction|arn:aws:lambda:eu-west-1:444455556666:function:remote", null, "function-policy" },
    };

    [Theory]
    [MemberData(nameof(ResourcesWithAPolicy))]
    public void AnUnattributedDenialOfAnotherAccountsResourceGetsBothStatements(string actionAndResource, string? owner, string document)
    {
        var (action, resource) = Split(actionAndResource);
        var fix = FixBuilder.Build(SomeFixRequest.For(action, resource, DenialLayer.Unknown, null) with { ResourceAccount = owner });

        Assert.Equal(FixTarget.Both, fix.Target);
        Assert.Contains(fix.Statements, s => s.Document == "execution-role" && s.Statement.Actions.Contains(action));
        var granted = Assert.Single(fix.Statements, s => s.Document == document);
        Assert.Equal(("AWS", SomeFixRequest.RoleArn), granted.Statement.Principal);
        Assert.Contains(fix.Notes, n => n.StartsWith("Guess", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ResourcesWithAPolicy))]
    public void TheNotesSayWhichAccountOwnsWhichDocument(string actionAndResource, string? owner, string document)
    {
        var (action, resource) = Split(actionAndResource);
        var fix = FixBuilder.Build(SomeFixRequest.For(action, resource, DenialLayer.Unknown, null) with { ResourceAccount = owner });

        var notes = string.Join("\n", fix.Notes);
        Assert.Contains(Other, notes, StringComparison.Ordinal);
        Assert.Contains(SomeFixRequest.Account, notes, StringComparison.Ordinal);
        Assert.Contains(document, notes, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dynamodb:PutItem", "arn:aws:dynamodb:eu-west-1:444455556666:table/orders", null)]
    [InlineData("s3:GetObject", "arn:aws:s3:::acme-invoices/a.pdf", SomeFixRequest.Account)]
    [InlineData("s3:GetObject", "arn:aws:s3:::acme-invoices/a.pdf", null)]
    [InlineData("sqs:SendMessage", "arn:aws:sqs:eu-west-1:123456789012:orders", null)]
    public void ASameAccountResourceOrOneWithoutAResourcePolicyKeepsTheExecutionRoleGuess(string action, string resource, string? owner)
    {
        var fix = FixBuilder.Build(SomeFixRequest.For(action, resource, DenialLayer.Unknown, null) with { ResourceAccount = owner });

        Assert.Equal(FixTarget.ExecutionRole, fix.Target);
        Assert.All(fix.Statements, s => Assert.Equal("execution-role", s.Document));
    }

    [Fact]
    public void AnIdentityPolicyDenialOfAnotherAccountsBucketKeepsTheRoleFixAndNamesTheBucketPolicy()
    {
        var fix = FixBuilder.Build(SomeFixRequest.For("s3:GetObject", "arn:aws:s3:::partner-exports/daily.csv") with { ResourceAccount = Other });

        Assert.Equal(FixTarget.ExecutionRole, fix.Target);
        Assert.Contains(fix.Notes, n => n.Contains("bucket-policy (account " + Other + ")", StringComparison.Ordinal));
    }

    [Fact]
    public void ABucketPolicyDenialAcrossAccountsNamesBothAccounts()
    {
        var fix = FixBuilder.Build(SomeFixRequest.For("s3:GetObject", "arn:aws:s3:::partner-exports/daily.csv", DenialLayer.ResourcePolicy) with { ResourceAccount = Other });

        Assert.Equal(FixTarget.ResourcePolicy, fix.Target);
        Assert.Contains(fix.Notes, n => n.Contains("belongs to account " + Other, StringComparison.Ordinal) && n.Contains("account " + SomeFixRequest.Account, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("s3-getobject-plain-access-denied.json", "s3:GetObject", "arn:aws:s3:::partner-exports-bucket/daily/2025-03-13.csv", "arn:aws:iam::111122223333:role/service-role/image-resizer-role")]
    [InlineData("s3-putobject-cross-account-plain-access-denied.json", "s3:PutObject", "arn:aws:s3:::partner-in/x.csv", "arn:aws:iam::111122223333:role/service-role/orders-role")]
    public void APlainAccessDeniedOnAnotherAccountsBucketGetsTheRoleAndTheBucketPolicyStatement(string fixture, string action, string resource, string role)
    {
        var fix = Diagnose.Fixture(fixture);

        Assert.Equal(FixTarget.Both, fix.Target);
        var bucket = Assert.Single(fix.Statements, s => s.Document == "bucket-policy").Statement;
        Assert.Equal(("AWS", role), bucket.Principal);
        Assert.Equal([action], bucket.Actions);
        Assert.Equal([resource], bucket.Resources);
        Assert.Contains(fix.Statements, s => s.Document == "execution-role" && s.Statement.Actions[0] == action);
        Assert.Contains(fix.Commands, c => c.StartsWith("aws iam put-role-policy", StringComparison.Ordinal));
        Assert.Contains(fix.Commands, c => c.StartsWith("aws s3api get-bucket-policy", StringComparison.Ordinal));
        Assert.Contains(fix.Notes, n => n.Contains("goes in account 111122223333", StringComparison.Ordinal) && n.Contains("goes in account 444455556666", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSameRecordWithTheBucketInTheCallersAccountKeepsTheExecutionRoleGuess()
    {
        var fix = Diagnose.Fixture("s3-getobject-plain-access-denied.json", r => r["resources"]![1]!["accountId"] = "111122223333");

        Assert.Equal(FixTarget.ExecutionRole, fix.Target);
        Assert.DoesNotContain(fix.Statements, s => s.Document == "bucket-policy");
    }

    private static (string Action, string Resource) Split(string value)
    {
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        return (value[..bar], value[(bar + 1)..]);
    }
}
