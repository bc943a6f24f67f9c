using System.Text.Json;
using Denied.Classification;
using Denied.Core.Tests.Fixtures;
using Denied.Diagnostics;
using Denied.Iam;
using Denied.Rendering;

namespace Denied.Core.Tests.Diagnostics;

/// <summary>
/// A record whose identity fields contradict its session ARN (rewritten or forged): the session ARN is the principal AWS
/// denied and the one the message names, so the fix edits that session's role in that session's account, whatever
/// sessionIssuer.arn, sessionIssuer.accountId or userIdentity.accountId say.
/// </summary>
public sealed class IdentityContradictionTests
{
    private const string OtherAccount = "999988887777";

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/app/reports/report-builder-role/../../admin", "admin")]
    [InlineData("arn:aws:iam::999988887777:role/app/reports/report-builder-role", OtherAccount)]
    [InlineData("arn:aws:iam::111122223333:role/OrganizationAccountAccessRole", "OrganizationAccountAccessRole")]
    [InlineData("arn:aws:sts::111122223333:assumed-role/report-builder-role/admin", "admin")]
    public void ASessionIssuerOfAnotherRoleOrAccount_IsNamedInNoFix(string issuer, string foreign)
    {
        var record = Fixture.Record("s3-listobjectsv2-identity-implicit.json", r => r["userIdentity"]!["sessionContext"]!["sessionIssuer"]!["arn"] = issuer);

        var diagnosis = new Diagnoser(IamCatalog.Default).Diagnose(record);

        Assert.Equal("arn:aws:iam::111122223333:role/report-builder-role", diagnosis.Principal.RoleArn);
        Assert.Contains(diagnosis.Fix!.Commands, c => c.StartsWith("aws iam put-role-policy --role-name report-builder-role ", StringComparison.Ordinal));
        Assert.DoesNotContain(foreign, FixJson(diagnosis), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dynamodb-transactwriteitems-no-message.json", "arn:aws:dynamodb:us-east-1:111122223333:table/Orders")]
    [InlineData("secretsmanager-getsecretvalue-by-name-no-message.json", "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-??????")]
    public void AnAccountIdOtherThanTheSessionArns_IsNotTheAccountOfTheFix(string fixture, string resource)
    {
        // Without recipientAccountId the resource ARN is built in the caller's account: the session ARN's, not the
        // accountId copies a rewritten record changed.
        var record = Fixture.Record(fixture, r =>
        {
            r["userIdentity"]!["accountId"] = OtherAccount;
            r["userIdentity"]!["sessionContext"]!["sessionIssuer"]!["accountId"] = OtherAccount;
            r.Remove("recipientAccountId");
        });

        var diagnosis = new Diagnoser(IamCatalog.Default).Diagnose(record);

        Assert.Equal(("111122223333", resource), (diagnosis.Account, diagnosis.Resource));
        Assert.DoesNotContain(OtherAccount, FixJson(diagnosis), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:sts::111122223333:assumed-role/report-builder-role/report-builder", OtherAccount, false)] // a rewritten accountId
    [InlineData("arn:aws:sts::444455556666:assumed-role/caller-role/caller", "444455556666", true)] // a session of another account
    public void TheCallersAccountIsTheSessionArns_ForTheForeignCallerTestAndTheFixsCaller(string sessionArn, string accountId, bool foreign)
    {
        var record = Fixture.Record("s3-listobjectsv2-identity-implicit.json", r =>
        {
            r["userIdentity"]!["arn"] = sessionArn;
            r["userIdentity"]!["accountId"] = accountId;
        });

        var diagnosis = new Diagnoser(IamCatalog.Default).Diagnose(record);

        Assert.Equal(foreign, ForeignInvocation.IsForeignCaller(record, diagnosis.Principal));
        Assert.Equal(foreign ? sessionArn : null, diagnosis.FixRequest!.CallerPrincipal);
    }

    /// <summary>What the diagnosis tells the reader to change: the fix, and the role and function it names.</summary>
    private static string FixJson(Diagnosis diagnosis)
    {
        using var doc = JsonDocument.Parse(DiagnosisJson.Serialize(diagnosis));
        var root = doc.RootElement;
        return string.Join("\n", root.GetProperty("fix").GetRawText(), root.GetProperty("function").GetRawText(), root.GetProperty("principal").GetProperty("roleArn").GetRawText());
    }
}
