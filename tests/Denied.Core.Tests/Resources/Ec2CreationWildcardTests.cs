using Denied.Core.Tests.Remediation;
using Denied.Resources;

namespace Denied.Core.Tests.Resources;

public class Ec2CreationWildcardTests
{
    [Theory]
    [InlineData("arn:aws:ec2:us-east-1::snapshot/*", true)]
    [InlineData("arn:aws:ec2:us-east-1:111122223333:network-interface/*", true)]
    [InlineData("arn:aws:ec2:us-east-1:111122223333:instance/i-0abc*", false)]
    [InlineData("arn:aws:ec2:us-east-1:111122223333:*", false)]
    [InlineData("arn:aws:s3:::bucket/*", false)]
    [InlineData("arn:aws:ec2:us-east-1:111122223333:Vpc/*", false)]
    public void IsEc2CreationWildcard_OnlyTypeSlashStarOfEc2(string arn, bool expected) =>
        Assert.Equal(expected, MessageResource.IsEc2CreationWildcard(arn));

    [Fact]
    public void CreateSnapshotDenied_StatementKeepsEc2sWildcard()
    {
        var fix = Diagnose.Fixture("ec2-createsnapshot-identity-implicit-prefixed.json");

        var statement = Assert.Single(fix.Statements).Statement;
        Assert.Equal(["arn:aws:ec2:us-east-1::snapshot/*"], statement.Resources);
    }

    [Fact]
    public void AStarInAnS3KeyThatTheRecordConfirms_StaysLiteral()
    {
        // The message, requestParameters and resources[] agree on a key named "a*": a name, granted as a literal.
        var fix = Diagnose.Fixture("s3-getobject-bucket-policy-explicit.json", r =>
        {
            r["errorMessage"] = $"User: {r["userIdentity"]!["arn"]} is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::acme-orders/a*\" because no identity-based policy allows the s3:GetObject action";
            r["requestParameters"] = new System.Text.Json.Nodes.JsonObject { ["bucketName"] = "acme-orders", ["key"] = "a*" };
            r["resources"] = null;
        });

        Assert.Contains(fix.Statements, s => s.Statement.Resources.SequenceEqual(["arn:aws:s3:::acme-orders/a${*}"]));
    }

    [Fact]
    public void AStarInAMessageKeyThatTheRecordDoesNotConfirm_GrantsNothing()
    {
        var fix = Diagnose.Fixture("s3-getobject-bucket-policy-explicit.json", r =>
            r["errorMessage"] = $"User: {r["userIdentity"]!["arn"]} is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::amzn-s3-demo-bucket/a*\" because no identity-based policy allows the s3:GetObject action");

        Assert.DoesNotContain(fix.Statements, s => s.Statement.Actions.Contains("s3:GetObject"));
    }
}
