using Denied.Core.Tests.Fixtures;
using Denied.Diagnostics;
using Denied.Findings;
using Denied.Iam;
using Denied.Principals;

namespace Denied.Core.Tests.Principals;

/// <summary>
/// Who called: Lambda's own sessions (awslambda_DIGITS and awslambda_DIGITS_DIGITS, DataBiosphere/azul #5363), an
/// inventory that outweighs the user agent, and the resource owner's copy of another account's role session.
/// </summary>
public sealed class SessionEvidenceTests
{
    [Theory]
    [InlineData("awslambda_847_20230628214903095", true)]
    [InlineData("awslambda_744_20210612114448101", true)]
    [InlineData("awslambda_123456789", true)]
    [InlineData("awslambda_1_2_3", true)]
    [InlineData("awslambda_", false)]
    [InlineData("awslambda_12_", false)]
    [InlineData("awslambda__12", false)]
    [InlineData("awslambda_12a_34", false)]
    [InlineData("awslambda-847_2023", false)]
    [InlineData("orders-api", false)]
    [InlineData(null, false)]
    public void LambdaServiceSession_DigitsInGroupsAfterThePrefix(string? session, bool expected) =>
        Assert.Equal(expected, LambdaSessions.IsLambdaServiceSession(session));

    [Fact]
    public void VpcFunctionsNetworkInterfaceCall_InLambdasOwnSession_IsTheFunctionsRole()
    {
        var principal = PrincipalResolver.Resolve(Fixture.Record("ec2-createnetworkinterface-lambda-service-session.json"), null);

        Assert.Equal(PrincipalKind.LambdaExecutionRole, principal.Kind);
        Assert.Equal("arn:aws:iam::111122223333:role/service-role/ledger-sync-role", principal.RoleArn);
        Assert.Null(principal.FunctionName);
    }

    // The code ran inside Lambda (exec-env user agent) with credentials of another session on the role: role chaining
    // or a tenant session. The inventory lists no function with this role and session name.
    [Theory]
    [InlineData("tenant-42")]
    [InlineData("orders-api-chained")]
    public void AnInventoryThatContradictsTheUserAgent_Wins(string session)
    {
        var record = Fixture.Record("sns-publish-kms-encrypted-topic.json", r =>
        {
            r["userIdentity"]!["arn"] = "arn:aws:sts::111122223333:assumed-role/orders-api-role-8KQ2ZP/" + session;
            r["userIdentity"]!["principalId"] = "AROAZ3EXAMPLEROLEID9:" + session;
        });

        var without = new Diagnoser(IamCatalog.Default).Diagnose(record);
        var with = new Diagnoser(IamCatalog.Default, Inventories.Fixture()).Diagnose(record);

        Assert.Equal(PrincipalKind.LambdaExecutionRole, without.Principal.Kind);
        Assert.Equal(PrincipalKind.AssumedRole, with.Principal.Kind);
        Assert.Null(with.Function);
        Assert.Null(FindingKey.For(with));
        Assert.Contains("exec-env/AWS_Lambda_python3.12", with.Principal.AttributionEvidence, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInventoryThatConfirmsThePair_StillNamesTheFunction()
    {
        var diagnosis = new Diagnoser(IamCatalog.Default, Inventories.Fixture()).Diagnose(Fixture.Record("sns-publish-kms-encrypted-topic.json"));

        Assert.Equal(PrincipalKind.LambdaExecutionRole, diagnosis.Principal.Kind);
        Assert.Equal("orders-api", diagnosis.Function!.Name);
    }

    [Fact]
    public void AwsAccountCallerWithARoleUniqueId_IsARoleSessionNamedByTheMessage()
    {
        var principal = PrincipalResolver.Resolve(Fixture.Record("s3-getobject-cross-account-awsaccount-caller.json"), Inventories.Fixture());

        Assert.Equal(PrincipalKind.AssumedRole, principal.Kind);
        Assert.Equal("arn:aws:sts::444455556666:assumed-role/partner-ingest-role/partner-ingest", principal.Arn);
        Assert.Equal("arn:aws:iam::444455556666:role/partner-ingest-role", principal.RoleArn);
        Assert.Equal("partner-ingest", principal.SessionName);
    }

    [Theory]
    // The message names nobody: a role session still, its role unknown.
    [InlineData("AROA4EXAMPLEPARTNER1:partner-ingest", "Access Denied", PrincipalKind.AssumedRole, null)]
    // The message names a session of a third account: not this caller's role.
    [InlineData("AROA4EXAMPLEPARTNER1:partner-ingest", "User: arn:aws:sts::777788889999:assumed-role/other/x is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::acme-orders-prod/exports/daily.csv\" because no resource-based policy allows the s3:GetObject action", PrincipalKind.AssumedRole, null)]
    // An IAM user's or an account's principal ID is not a role session.
    [InlineData("AIDA4EXAMPLEPARTNER1", "Access Denied", PrincipalKind.Other, null)]
    [InlineData("444455556666", "Access Denied", PrincipalKind.Other, null)]
    public void AwsAccountCaller_IsARoleSessionOnlyWithARoleUniqueId(string principalId, string message, PrincipalKind kind, string? roleArn)
    {
        var record = Fixture.Record("s3-getobject-cross-account-awsaccount-caller.json", r =>
        {
            r["userIdentity"]!["principalId"] = principalId;
            r["errorMessage"] = message;
        });

        var principal = PrincipalResolver.Resolve(record, null);

        Assert.Equal(kind, principal.Kind);
        Assert.Equal(roleArn, principal.RoleArn);
    }
}
