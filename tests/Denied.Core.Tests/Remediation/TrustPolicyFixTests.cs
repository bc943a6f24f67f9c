using Denied.Diagnostics;
using Denied.Remediation;

namespace Denied.Core.Tests.Remediation;

/// <summary>
/// A role trust policy names who may assume the role and has no Resource element: IAM refuses one with
/// MalformedPolicyDocument "Has prohibited field Resource". It is read with get-role and written with
/// update-assume-role-policy, and lives under AssumeRolePolicyDocument / assume_role_policy / assumeRolePolicy.
/// </summary>
public sealed class TrustPolicyFixTests
{
    private const string Role = "arn:aws:iam::444455556666:role/partner";

    private static Fix TrustFix(string action = "sts:AssumeRole") => FixBuilder.Build(SomeFixRequest.For(action, Role, DenialLayer.ResourcePolicy));

    [Theory]
    [InlineData("sts:AssumeRole")]
    [InlineData("sts:TagSession")]
    [InlineData("sts:AssumeRoleWithWebIdentity")]
    public void TheTrustStatementNamesTheCallerAndHasNoResource(string action)
    {
        var statement = Assert.Single(TrustFix(action).Statements);

        Assert.Equal("trust-policy", statement.Document);
        Assert.Equal(("AWS", SomeFixRequest.RoleArn), statement.Statement.Principal);
        Assert.Equal([action], statement.Statement.Actions);
        Assert.Empty(statement.Statement.Resources);
        Assert.DoesNotContain("Resource", PolicyJson.Statement(statement.Statement), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cloudformation", "AssumeRolePolicyDocument:")]
    [InlineData("sam", "AssumeRolePolicyDocument:")]
    [InlineData("serverless", "AssumeRolePolicyDocument:")]
    [InlineData("terraform", "assume_role_policy = jsonencode(")]
    [InlineData("cdk", "role.assumeRolePolicy?.addStatements(")]
    public void EachSnippetPutsTheStatementInTheTrustPolicyWithoutAResource(string tool, string where)
    {
        var snippet = TrustFix().Snippets[tool];

        Assert.Contains(where, snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("Resource:", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("Resource =", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("resources:", snippet, StringComparison.Ordinal);
        Assert.Contains(SomeFixRequest.RoleArn, snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCommandFetchesTheTrustPolicyAndTheNoteMergesItWithUpdateAssumeRolePolicy()
    {
        var fix = TrustFix();

        Assert.Equal(["aws iam get-role --role-name partner --query Role.AssumeRolePolicyDocument --output json > trust-policy.json"], fix.Commands);
        Assert.Contains(fix.Notes, n => n.Contains("aws iam update-assume-role-policy --role-name partner --policy-document file://trust-policy.json", StringComparison.Ordinal)
            && n.Contains("no command overwrites it", StringComparison.Ordinal));
    }

    [Fact]
    public void TheTrustPolicyRecordGetsAResourcelessStatementForTheCallersRole()
    {
        var fix = Diagnose.Fixture("sts-assumerole-trust-policy-implicit.json");

        Assert.Equal(FixTarget.ResourcePolicy, fix.Target);
        var statement = Assert.Single(fix.Statements);
        Assert.Equal("trust-policy", statement.Document);
        Assert.Equal(("AWS", "arn:aws:iam::111122223333:role/service-role/orders-role"), statement.Statement.Principal);
        Assert.Empty(statement.Statement.Resources);
        Assert.All(Diagnose.Texts(fix), t => Assert.DoesNotContain("\"Resource\"", t, StringComparison.Ordinal));
    }

    [Fact]
    public void AnExplicitDenyInTheTrustPolicySaysHowToReadIt()
    {
        var fix = Diagnose.Fixture("sts-assumerole-trust-policy-explicit.json");

        Assert.Equal(FixTarget.None, fix.Target);
        Assert.Contains(fix.Notes, n => n.Contains("aws iam get-role --role-name", StringComparison.Ordinal) && n.Contains("AssumeRolePolicyDocument", StringComparison.Ordinal));
    }
}
