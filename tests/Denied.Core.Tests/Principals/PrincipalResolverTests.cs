using Denied.CloudTrail;
using Denied.Core.Tests.Fixtures;
using Denied.Diagnostics;
using Denied.Principals;

namespace Denied.Core.Tests.Principals;

public class PrincipalResolverTests
{
    [Theory]
    [InlineData("kms-decrypt-key-policy-implicit.json", PrincipalKind.LambdaExecutionRole)]
    [InlineData("dynamodb-putitem-identity-explicit.json", PrincipalKind.LambdaExecutionRole)]
    [InlineData("assumed-role-human-denied.json", PrincipalKind.AssumedRole)]
    [InlineData("lambda-create-event-source-mapping-role-lacks-receive.json", PrincipalKind.AssumedRole)]
    [InlineData("iam-user-denied.json", PrincipalKind.IamUser)]
    [InlineData("s3-invoke-denied-by-function-policy.json", PrincipalKind.AwsService)]
    [InlineData("lambda-invoke-cross-account-denied.json", PrincipalKind.AssumedRole)]
    [InlineData("ec2-encoded-message-truncated.json", PrincipalKind.LambdaExecutionRole)]
    public void Resolve_WithoutInventory_ReturnsKind(string fixture, PrincipalKind kind)
    {
        var principal = PrincipalResolver.Resolve(Fixture.Record(fixture), null);

        Assert.Equal(kind, principal.Kind);
        Assert.False(string.IsNullOrWhiteSpace(principal.AttributionEvidence));
    }

    [Fact]
    public void Resolve_RootCaller_IsRoot() =>
        Assert.Equal(PrincipalKind.Root, PrincipalResolver.Resolve(
            new CloudTrailRecord { UserIdentity = new UserIdentity { Type = "Root", Arn = "arn:aws:iam::111122223333:root" } }, null).Kind);

    [Theory]
    [InlineData("FederatedUser")]
    [InlineData("WebIdentityUser")]
    [InlineData("IdentityCenterUser")]
    [InlineData(null)]
    public void Resolve_OtherCallerTypes_AreOther(string? type) =>
        Assert.Equal(PrincipalKind.Other, PrincipalResolver.Resolve(new CloudTrailRecord { UserIdentity = new UserIdentity { Type = type } }, null).Kind);

    [Fact]
    public void Resolve_NoUserIdentity_IsOther() =>
        Assert.Equal(PrincipalKind.Other, PrincipalResolver.Resolve(new CloudTrailRecord(), null).Kind);

    [Fact]
    public void Resolve_LambdaSession_TakesRoleArnWithPathFromSessionIssuerAndFunctionFromSessionName()
    {
        var principal = PrincipalResolver.Resolve(Fixture.Record("s3-listobjectsv2-identity-implicit.json"), null);

        Assert.Equal(PrincipalKind.LambdaExecutionRole, principal.Kind);
        Assert.Equal("arn:aws:iam::111122223333:role/app/reports/report-builder-role", principal.RoleArn);
        Assert.Equal("report-builder", principal.FunctionName);
        Assert.Equal("report-builder", principal.SessionName);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/report-builder-role/report-builder", principal.Arn);
        Assert.Contains("exec-env/AWS_Lambda_python3.12", principal.AttributionEvidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_InventoryPairsRoleAndSession_IsConfirmedEvenWithoutLambdaUserAgent()
    {
        var record = Fixture.Record("kms-decrypt-key-policy-implicit.json", r => r["userAgent"] = "custom-client/1.0");

        var principal = PrincipalResolver.Resolve(record, Inventories.Fixture());

        Assert.Equal(PrincipalKind.LambdaExecutionRole, principal.Kind);
        Assert.Equal("orders-api", principal.FunctionName);
        Assert.Contains("inventory", principal.AttributionEvidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_WithoutUserAgentInventoryOrRoleNaming_IsAPlainAssumedRole()
    {
        var record = Fixture.Record("kms-decrypt-key-policy-implicit.json", r =>
        {
            r["userAgent"] = "custom-client/1.0";
            r["userIdentity"]!["arn"] = "arn:aws:sts::111122223333:assumed-role/shared-worker/orders-api";
            r["userIdentity"]!["sessionContext"]!["sessionIssuer"]!["arn"] = "arn:aws:iam::111122223333:role/platform/shared-worker";
        });

        var principal = PrincipalResolver.Resolve(record, null);

        Assert.Equal(PrincipalKind.AssumedRole, principal.Kind);
        Assert.Null(principal.FunctionName);
        Assert.Equal("arn:aws:iam::111122223333:role/platform/shared-worker", principal.RoleArn);
        Assert.Equal("orders-api", principal.SessionName);
    }

    [Fact]
    public void Resolve_SessionNamedAfterAnInventoryFunctionOnAnotherRole_IsNotThatFunction()
    {
        var record = Fixture.Record("assumed-role-human-denied.json", r =>
        {
            r["userIdentity"]!["arn"] = "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Developer_0123456789abcdef/billing-api";
            r["userIdentity"]!["principalId"] = "AROAZ3EXAMPLEROLEIDG:billing-api";
        });

        var principal = PrincipalResolver.Resolve(record, Inventories.Fixture());

        // The inventory pairs billing-api with its own role, not this one: the pair decides, not the name alone.
        Assert.Equal(PrincipalKind.AssumedRole, principal.Kind);
        Assert.Null(principal.FunctionName);
    }

    [Fact]
    public void Resolve_LambdaServiceSessionOfARoleUsedByOneFunction_NamesThatFunction()
    {
        var principal = PrincipalResolver.Resolve(Fixture.Record("ec2-encoded-message-truncated.json"), Inventories.Fixture());

        Assert.Equal(PrincipalKind.LambdaExecutionRole, principal.Kind);
        Assert.Equal("vpc-worker", principal.FunctionName);
        Assert.Equal("awslambda_1741947761942", principal.SessionName);
    }

    [Fact]
    public void Resolve_LambdaServiceSessionOfASharedRole_KnowsTheRoleButNotTheFunction()
    {
        var record = Fixture.Record("ec2-encoded-message-truncated.json", r =>
        {
            r["userIdentity"]!["arn"] = "arn:aws:sts::111122223333:assumed-role/report-builder-role/awslambda_1741947761942";
            r["userIdentity"]!["sessionContext"]!["sessionIssuer"]!["arn"] = "arn:aws:iam::111122223333:role/app/reports/report-builder-role";
        });

        var principal = PrincipalResolver.Resolve(record, Inventories.Fixture());

        Assert.Equal(PrincipalKind.LambdaExecutionRole, principal.Kind);
        Assert.Null(principal.FunctionName);
        Assert.Contains("2 functions", principal.AttributionEvidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_HumanOnAnExecutionRole_StaysAssumedRole()
    {
        var record = Fixture.Record("kms-decrypt-key-policy-implicit.json", r =>
        {
            r["userAgent"] = "aws-cli/2.17.50";
            r["userIdentity"]!["arn"] = "arn:aws:sts::111122223333:assumed-role/orders-api-role-8KQ2ZP/dana";
        });

        var principal = PrincipalResolver.Resolve(record, Inventories.Fixture());

        Assert.Equal(PrincipalKind.AssumedRole, principal.Kind);
        Assert.Contains("none of them", principal.AttributionEvidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NoSessionIssuer_DerivesRoleArnWithoutPathAndSaysSo()
    {
        var record = Fixture.Record("kms-decrypt-key-policy-implicit.json", r => r["userIdentity"]!.AsObject().Remove("sessionContext"));

        var principal = PrincipalResolver.Resolve(record, null);

        Assert.Equal("arn:aws:iam::111122223333:role/orders-api-role-8KQ2ZP", principal.RoleArn);
        Assert.Contains("path is unknown", principal.AttributionEvidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/service/orders-api-role-8KQ2ZP/../../admin")] // another name, through a dotted path
    [InlineData("arn:aws:iam::999988887777:role/orders-api-role-8KQ2ZP")] // the same name in another account
    [InlineData("arn:aws:iam::111122223333:role/Orders-Api-Role-8kq2zp")] // role names compare case-sensitively here
    [InlineData("arn:aws:sts::111122223333:assumed-role/orders-api-role-8KQ2ZP/admin")] // STS form: its last segment would be the role edited
    [InlineData("arn:aws-us-gov:iam::111122223333:role/orders-api-role-8KQ2ZP")] // another partition
    [InlineData("arn:aws:iam:us-east-1:111122223333:role/orders-api-role-8KQ2ZP")] // IAM ARNs carry no region
    [InlineData("aws:111122223333:orders-api-role-8KQ2ZP")] // a comparison key, not a role ARN
    public void Resolve_SessionIssuerOfAnotherRole_UsesTheSessionsRoleAndSaysSo(string issuer)
    {
        var record = Fixture.Record("kms-decrypt-key-policy-implicit.json", r => r["userIdentity"]!["sessionContext"]!["sessionIssuer"]!["arn"] = issuer);

        var principal = PrincipalResolver.Resolve(record, null);

        Assert.Equal("arn:aws:iam::111122223333:role/orders-api-role-8KQ2ZP", principal.RoleArn);
        Assert.Contains("is not the role of its session", principal.AttributionEvidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_SessionIssuerWithAPath_IsTheSessionsRoleAndKeepsThePath()
    {
        var record = Fixture.Record("kms-decrypt-key-policy-implicit.json", r => r["userIdentity"]!["sessionContext"]!["sessionIssuer"]!["arn"] = "arn:aws:iam::111122223333:role/team/a/orders-api-role-8KQ2ZP");

        var principal = PrincipalResolver.Resolve(record, null);

        Assert.Equal("arn:aws:iam::111122223333:role/team/a/orders-api-role-8KQ2ZP", principal.RoleArn);
        Assert.DoesNotContain("is not the role of its session", principal.AttributionEvidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_SessionNameFromPrincipalIdWhenArnIsMissing()
    {
        var record = Fixture.Record("kms-decrypt-key-policy-implicit.json", r => r["userIdentity"]!.AsObject().Remove("arn"));

        Assert.Equal("orders-api", PrincipalResolver.Resolve(record, null).FunctionName);
    }
}
