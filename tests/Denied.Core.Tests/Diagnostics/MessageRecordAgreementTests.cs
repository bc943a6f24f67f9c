using System.Text.Json.Nodes;
using Denied.CloudTrail;
using Denied.Core.Tests.Fixtures;
using Denied.Diagnostics;
using Denied.Iam;
using Denied.Remediation;

namespace Denied.Core.Tests.Diagnostics;

/// <summary>
/// AWS writes the error message and the rest of the record from one request. Where they disagree (a forged or
/// rewritten record) the message no longer wins silently: a resource or action it names with a wildcard, another S3
/// bucket or another caller never becomes a grant, and a real key that holds '*' stays a literal grant on that key.
/// </summary>
public sealed class MessageRecordAgreementTests
{
    private const string Caller = "arn:aws:sts::111122223333:assumed-role/orders-api-role/orders-api";
    private const string Object = "arn:aws:s3:::acme-orders-prod/in/x.pdf";

    /// <summary>(message resource, request key, request bucket or null for none, diagnosed resource, the statement's Resource or null for none, a note fragment or null).</summary>
    public static TheoryData<string, string, string?, string?, string?, string?> Resources => new()
    {
        // The record agrees: the message's resource stands.
        { Object, "in/x.pdf", "acme-orders-prod", Object, Object, null },
        // A wildcard the record does not confirm is no resource.
        { "*", "in/x.pdf", "acme-orders-prod", null, null, "the message names the resource *, which holds a wildcard" },
        { "arn:aws:s3:::acme-orders-prod/*", "in/x.pdf", "acme-orders-prod", null, null, "holds a wildcard" },
        { "arn:aws:s3:::acme-orders-prod/in/x?pdf", "in/x.pdf", "acme-orders-prod", null, null, "holds a wildcard" },
        { "arn:aws:s3:::acme-orders-*/in/x.pdf", "in/x.pdf", "acme-orders-prod", null, null, "the message names the S3 bucket acme-orders-*, but the request was for acme-orders-prod" },
        // A real key with '*' or '?' (S3 keys are any UTF-8): the record confirms it, and the grant escapes it as a literal.
        { "arn:aws:s3:::acme-orders-prod/invoices/*", "invoices/*", "acme-orders-prod", "arn:aws:s3:::acme-orders-prod/invoices/*", "arn:aws:s3:::acme-orders-prod/invoices/${*}", null },
        { "arn:aws:s3:::acme-orders-prod/in/a*b?.pdf", "in/a*b?.pdf", "acme-orders-prod", "arn:aws:s3:::acme-orders-prod/in/a*b?.pdf", "arn:aws:s3:::acme-orders-prod/in/a${*}b${?}.pdf", null },
        // Another bucket than the request's, or a lookalike letter: not determined, neither bucket granted.
        { "arn:aws:s3:::attacker-exfil/x", "in/x.pdf", "acme-orders-prod", null, null, "the message names the S3 bucket attacker-exfil, but the request was for acme-orders-prod" },
        { "arn:aws:s3:::\u0430cme-orders-prod/in/x.pdf", "in/x.pdf", "acme-orders-prod", null, null, "the S3 bucket \\u0430cme-orders-prod, but the request" },
        // No request bucket to compare: a name S3 cannot hold is still no bucket.
        { "arn:aws:s3:::\u0430cme-orders-prod/in/x.pdf", "in/x.pdf", null, null, null, "which is not a valid bucket name" },
        { "arn:aws:s3:::Legacy_Bucket/in/x.pdf", "in/x.pdf", null, null, null, "which is not a valid bucket name" },
        // A legacy us-east-1 name (capitals, '_') the request itself names is that bucket.
        { "arn:aws:s3:::Legacy_Bucket/in/x.pdf", "in/x.pdf", "Legacy_Bucket", "arn:aws:s3:::Legacy_Bucket/in/x.pdf", "arn:aws:s3:::Legacy_Bucket/in/x.pdf", null },
    };

    [Theory]
    [MemberData(nameof(Resources))]
    public void TheMessagesResourceIsGrantedOnlyWhereTheRecordAgrees(string messageResource, string key, string? bucket, string? resource, string? granted, string? note)
    {
        var diagnosis = Diagnose(S3GetObject(messageResource, key, bucket));

        Assert.Equal("s3:GetObject", diagnosis.Action);
        Assert.Equal(resource, diagnosis.Resource);
        var grants = GetObjectGrants(diagnosis.Fix!);
        Assert.Equal(granted is null ? [] : [granted], grants);
        if (granted is null)
        {
            Assert.DoesNotContain(diagnosis.Fix!.Commands, c => c.Contains("put-role-policy", StringComparison.Ordinal) || c.Contains("put-bucket-policy", StringComparison.Ordinal));
        }

        if (note is not null)
        {
            Assert.Contains(diagnosis.Notes, n => n.Contains(note, StringComparison.Ordinal));
        }
    }

    /// <summary>An action IAM defines without resource-level permissions is granted on "*" whatever wildcard the message names.</summary>
    [Theory]
    [InlineData("xray.amazonaws.com", "PutTraceSegments", "xray:PutTraceSegments", "*")]
    [InlineData("iam.amazonaws.com", "ListRoles", "iam:ListRoles", "arn:aws:iam::111122223333:role/*")]
    public void AWildcardForAnActionWithoutResourceLevelPermissionsIsStar(string source, string eventName, string action, string messageResource)
    {
        var diagnosis = Diagnose(Fixture.Record("s3-getobject-identity-implicit.json", r =>
        {
            r["eventSource"] = source;
            r["eventName"] = eventName;
            r["errorMessage"] = $"User: {Caller} is not authorized to perform: {action} on resource: {messageResource} because no identity-based policy allows the {action} action";
            r["requestParameters"] = null;
            r["resources"] = null;
        }));

        Assert.Equal(action, diagnosis.Action);
        Assert.Equal("*", diagnosis.Resource);
        Assert.Contains(diagnosis.Fix!.Statements, s => s.Statement.Actions.Contains(action) && s.Statement.Resources.SequenceEqual(["*"]));
    }

    [Fact]
    public void AWildcardActionInTheMessageLeavesTheActionUndeterminedAndNoGrant()
    {
        var diagnosis = Diagnose(Fixture.Record("s3-getobject-identity-implicit.json", r =>
            r["errorMessage"] = $"User: {Caller} is not authorized to perform: s3:* on \"{Object}\" because no identity-based policy allows the s3:* action"));

        Assert.Null(diagnosis.Action);
        Assert.Equal(FixTarget.None, diagnosis.Fix!.Target);
        Assert.Empty(diagnosis.Fix.Statements);
        Assert.Empty(diagnosis.Fix.Commands);
        Assert.Contains(diagnosis.Notes, n => n.Contains("the message names the action s3:*, which holds a wildcard", StringComparison.Ordinal)
            && n.Contains("GetObject maps to s3:GetObject", StringComparison.Ordinal));
    }

    /// <summary>(message action, message resource, diagnosed action, diagnosed resource): another action than the call's is kept, with a note.</summary>
    [Theory]
    [InlineData("kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("iam:PassRole", "arn:aws:iam::111122223333:role/orders-worker")]
    public void AnotherActionThanTheCallsIsKeptWithANote(string action, string resource)
    {
        var diagnosis = Diagnose(Fixture.Record("s3-getobject-identity-implicit.json", r =>
            r["errorMessage"] = $"User: {Caller} is not authorized to perform: {action} on resource: {resource} because no identity-based policy allows the {action} action"));

        Assert.Equal(action, diagnosis.Action);
        Assert.Equal(resource, diagnosis.Resource);
        Assert.Contains(diagnosis.Fix!.Statements, s => s.Statement.Actions.Contains(action) && s.Statement.Resources.SequenceEqual([resource]));
        Assert.Contains(diagnosis.Notes, n => n.Contains($"the message names {action}, while the call s3.amazonaws.com GetObject maps to s3:GetObject", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCallsOwnActionAddsNoNote()
    {
        var diagnosis = Diagnose(Fixture.Record("s3-getobject-identity-implicit.json"));

        Assert.DoesNotContain(diagnosis.Notes, n => n.Contains("maps to", StringComparison.Ordinal));
        Assert.Equal(FixTarget.ExecutionRole, diagnosis.Fix!.Target);
    }

    /// <summary>(the message's caller, whether the fix is withheld).</summary>
    [Theory]
    [InlineData(Caller, false)]
    [InlineData("arn:aws:iam::111122223333:role/orders-api-role", false)]
    [InlineData("arn:aws:sts::999988887777:assumed-role/admin/x", true)]
    [InlineData("arn:aws:sts::111122223333:assumed-role/orders-api-role/someone-else", true)]
    [InlineData("arn:aws:sts::111122223333:assumed-role/admin-role/orders-api", true)]
    [InlineData("arn:aws:iam::111122223333:role/admin-role", true)]
    [InlineData("arn:aws:iam::111122223333:user/orders-api-role", true)]
    public void AnotherCallerInTheMessageWithholdsTheFixAndNamesBoth(string named, bool withheld)
    {
        var diagnosis = Diagnose(Fixture.Record("s3-getobject-identity-implicit.json", r =>
            r["errorMessage"] = $"User: {named} is not authorized to perform: s3:GetObject on \"{Object}\" because no identity-based policy allows the s3:GetObject action"));

        // The diagnosis stands either way.
        Assert.Equal("s3:GetObject", diagnosis.Action);
        Assert.Equal(Object, diagnosis.Resource);
        Assert.Equal("orders-api", diagnosis.Function?.Name);
        var fix = diagnosis.Fix!;
        if (withheld)
        {
            Assert.Equal(FixTarget.None, fix.Target);
            Assert.Empty(fix.Statements);
            Assert.Empty(fix.Commands);
            Assert.Empty(fix.Snippets);
            var note = Assert.Single(fix.Notes, n => n.StartsWith("The error message names the caller", StringComparison.Ordinal));
            Assert.Contains(named, note, StringComparison.Ordinal);
            Assert.Contains(Caller, note, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(FixTarget.ExecutionRole, fix.Target);
            Assert.Contains(fix.Commands, c => c.Contains("--role-name orders-api-role", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("arn:aws:sts::444455556666:assumed-role/partner-ingest-role/partner-ingest", false)]
    [InlineData("arn:aws:sts::444455556666:assumed-role/partner-ingest-role/other-session", true)]
    [InlineData("arn:aws:sts::777777777777:assumed-role/partner-ingest-role/partner-ingest", true)]
    public void AResourceOwnersCopyComparesTheMessagesCallerWithTheRecordedAccountAndSession(string named, bool withheld)
    {
        var record = Fixture.Record("s3-getobject-cross-account-awsaccount-caller.json", r =>
            r["errorMessage"] = $"User: {named} is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::acme-orders-prod/exports/daily.csv\" because no resource-based policy allows the s3:GetObject action");

        var fix = Diagnose(record).Fix!;

        Assert.Equal(withheld, fix.Target == FixTarget.None);
        Assert.Equal(withheld, fix.Notes.Any(n => n.StartsWith("The error message names the caller", StringComparison.Ordinal)));
    }

    private static Diagnosis Diagnose(CloudTrailRecord record) => new Diagnoser(IamCatalog.Default).Diagnose(record);

    private static List<string> GetObjectGrants(Fix fix) =>
        fix.Statements.Where(s => s.Statement.Actions.Contains("s3:GetObject")).SelectMany(s => s.Statement.Resources).ToList();

    private static CloudTrailRecord S3GetObject(string messageResource, string key, string? bucket) =>
        Fixture.Record("s3-getobject-identity-implicit.json", r =>
        {
            r["errorMessage"] = $"User: {Caller} is not authorized to perform: s3:GetObject on \"{messageResource}\" because no identity-based policy allows the s3:GetObject action";
            r["requestParameters"] = bucket is null ? null : new JsonObject { ["bucketName"] = bucket, ["key"] = key };
            r["resources"] = bucket is null ? null : new JsonArray(
                new JsonObject { ["type"] = "AWS::S3::Object", ["ARN"] = $"arn:aws:s3:::{bucket}/{key}" },
                new JsonObject { ["type"] = "AWS::S3::Bucket", ["ARN"] = $"arn:aws:s3:::{bucket}", ["accountId"] = "111122223333" });
        });
}
