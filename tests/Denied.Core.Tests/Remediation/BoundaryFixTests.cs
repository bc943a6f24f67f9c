using Denied.Core.Tests.Fixtures;
using Denied.Diagnostics;
using Denied.Iam;
using Denied.Remediation;

namespace Denied.Core.Tests.Remediation;

/// <summary>
/// "no permissions boundary allows": the role's own policies may already allow the call, so the fix updates the
/// boundary, a managed policy, with a new default version (IAM API CreatePolicyVersion); the role statement is offered
/// only for the case that the role lacks it too. A session-policy denial names whoever passes the session policy.
/// </summary>
public sealed class BoundaryFixTests
{
    private const string Table = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders";

    [Fact]
    public void BoundaryNamedByTheMessage_IsUpdatedWithANewDefaultVersion()
    {
        var fix = FixBuilder.Build(SomeFixRequest.For("dynamodb:PutItem", Table, DenialLayer.PermissionsBoundary) with
        {
            DenyingPolicyArn = "arn:aws:iam::123456789012:policy/DeveloperBoundary",
        });

        Assert.Equal("permissions-boundary", fix.Statements[0].Document);
        Assert.Equal(2, fix.Commands.Count);
        Assert.StartsWith("aws iam get-policy-version --policy-arn arn:aws:iam::123456789012:policy/DeveloperBoundary ", fix.Commands[0], StringComparison.Ordinal);
        Assert.Equal("aws iam create-policy-version --policy-arn arn:aws:iam::123456789012:policy/DeveloperBoundary --policy-document file://boundary-policy.json --set-as-default", fix.Commands[1]);
        Assert.DoesNotContain(fix.Commands, c => c.Contains("put-role-policy", StringComparison.Ordinal));
    }

    [Fact]
    public void BoundaryNotNamed_IsFoundWithGetRole()
    {
        var fix = FixBuilder.Build(SomeFixRequest.For("dynamodb:PutItem", Table, DenialLayer.PermissionsBoundary));

        Assert.Equal("BOUNDARY_POLICY_ARN=$(aws iam get-role --role-name invoice-reader-role --query Role.PermissionsBoundary.PermissionsBoundaryArn --output text)", fix.Commands[0]);
        Assert.Contains("create-policy-version --policy-arn \"$BOUNDARY_POLICY_ARN\"", fix.Commands[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sam", "AWS::IAM::ManagedPolicy")]
    [InlineData("cloudformation", "AWS::IAM::ManagedPolicy")]
    [InlineData("serverless", "AWS::IAM::ManagedPolicy")]
    [InlineData("terraform", "aws_iam_policy")]
    [InlineData("cdk", "boundary.addStatements(")]
    public void SnippetsUpdateTheBoundaryPolicyNotTheRole(string tool, string where)
    {
        var snippet = FixBuilder.Build(SomeFixRequest.For("dynamodb:PutItem", Table, DenialLayer.PermissionsBoundary)).Snippets[tool];

        Assert.Contains(where, snippet, StringComparison.Ordinal);
        Assert.Contains("dynamodb:PutItem", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("RolePolicy", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("addToRolePolicy", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("aws_iam_role_policy", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRoleStatementIsOfferedOnlyIfTheRoleLacksItToo()
    {
        var fix = FixBuilder.Build(SomeFixRequest.For("dynamodb:PutItem", Table, DenialLayer.PermissionsBoundary));

        Assert.Equal(["permissions-boundary", "execution-role"], fix.Statements.Select(s => s.Document));
        Assert.Contains(fix.Notes, n => n.StartsWith("Only if the role lacks it too", StringComparison.Ordinal) && n.Contains("put-role-policy", StringComparison.Ordinal));
    }

    [Fact]
    public void BoundaryDenialFromARecord_UpdatesTheBoundary()
    {
        var fix = new Diagnoser(IamCatalog.Default).Diagnose(Fixture.Record("sqs-sendmessage-permissions-boundary-implicit.json")).Fix!;

        Assert.Contains(fix.Commands, c => c.Contains("create-policy-version", StringComparison.Ordinal));
        Assert.DoesNotContain(fix.Commands, c => c.Contains("put-role-policy", StringComparison.Ordinal));
    }

    [Fact]
    public void SessionPolicyDenial_NamesWhoeverPassesTheSessionPolicy()
    {
        var fix = FixBuilder.Build(SomeFixRequest.For("dynamodb:PutItem", Table, DenialLayer.SessionPolicy));

        Assert.Equal(FixTarget.None, fix.Target);
        Assert.Empty(fix.Commands);
        Assert.Contains(fix.Notes, n => n.Contains("whoever calls sts:AssumeRole", StringComparison.Ordinal));
    }
}
