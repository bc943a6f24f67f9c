using Denied.Diagnostics;
using Denied.Policies;

namespace Denied.Core.Tests.Policies;

/// <summary>Action, resource and principal matching with AWS's case rules.</summary>
public sealed class MatchingTests
{
    [Theory]
    [InlineData("s3:GetObject", "s3:GetObject", true)]
    [InlineData("S3:getobject", "s3:GetObject", true)]
    [InlineData("s3:Get*", "s3:GetObject", true)]
    [InlineData("s3:*Object", "s3:GetObject", true)]
    [InlineData("s3:GetObjec?", "s3:GetObject", true)]
    [InlineData("*", "kms:Decrypt", true)]
    [InlineData("s3:Put*", "s3:GetObject", false)]
    [InlineData("s3:GetObject", "s3:GetObjectAcl", false)]
    public void ActionsMatchIgnoringCase(string pattern, string action, bool expected) =>
        Assert.Equal(expected, StatementEvaluator.ActionMatches(pattern, action));

    [Theory]
    [InlineData("arn:aws:s3:::amzn-s3-demo-bucket/*", "arn:aws:s3:::amzn-s3-demo-bucket/reports/q1.csv", true)]
    [InlineData("arn:aws:s3:::AMZN-S3-DEMO-BUCKET/*", "arn:aws:s3:::amzn-s3-demo-bucket/reports/q1.csv", false)]
    [InlineData("arn:aws:kms:*:111122223333:key/*", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", true)]
    [InlineData("arn:aws:sqs:us-east-1:111122223333:queue-?", "arn:aws:sqs:us-east-1:111122223333:queue-1", true)]
    [InlineData("arn:aws:sqs:*", "arn:aws:sqs:us-east-1:111122223333:queue-1", false)]
    [InlineData("arn:aws:lambda:us-east-1:111122223333:function:fn*", "arn:aws:lambda:us-east-1:111122223333:function:fn:prod", true)]
    public void ResourceArnsMatchPerComponentAndCaseSensitively(string pattern, string arn, bool expected) =>
        Assert.Equal(expected, ArnMatcher.Matches(PolicyPattern.Plain(pattern), arn));

    [Theory]
    [InlineData("\"*\"", PrincipalMatch.Everyone)]
    [InlineData("""{"AWS":"111122223333"}""", PrincipalMatch.Account)]
    [InlineData("""{"AWS":"arn:aws:iam::111122223333:root"}""", PrincipalMatch.Account)]
    [InlineData("""{"AWS":"arn:aws:iam::444455556666:root"}""", PrincipalMatch.NoMatch)]
    [InlineData("""{"AWS":"arn:aws:iam::111122223333:role/app-role"}""", PrincipalMatch.RoleOfSession)]
    [InlineData("""{"AWS":"arn:aws:iam::111122223333:role/other-role"}""", PrincipalMatch.NoMatch)]
    [InlineData("""{"AWS":"arn:aws:sts::111122223333:assumed-role/app-role/fn-session"}""", PrincipalMatch.Exact)]
    [InlineData("""{"AWS":["arn:aws:iam::111122223333:root","arn:aws:sts::111122223333:assumed-role/app-role/fn-session"]}""", PrincipalMatch.Exact)]
    [InlineData("""{"Service":"lambda.amazonaws.com"}""", PrincipalMatch.NoMatch)]
    public void PrincipalsNameTheSessionItsRoleOrItsAccount(string principal, PrincipalMatch expected)
    {
        var statement = Requests.Policy("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":" + principal + ",\"Action\":\"s3:*\"}}").Statements[0];
        Assert.Equal(expected, PrincipalMatcher.Match(statement, RequestPrincipal.FromArn(Requests.Session)));
    }

    [Fact]
    public void ARoleArnWithAPathMatchesOnlyWhenTheSessionsRolePathIsTheSame()
    {
        var statement = Requests.Policy("""{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/team-a/app-role"},"Action":"s3:*"}}""").Statements[0];
        var withPath = RequestPrincipal.FromArn(Requests.Session) with { RoleArn = "arn:aws:iam::111122223333:role/team-b/app-role" };
        Assert.Equal(PrincipalMatch.NoMatch, PrincipalMatcher.Match(statement, withPath));
        Assert.Equal(PrincipalMatch.RoleOfSession, PrincipalMatcher.Match(statement, withPath with { RoleArn = "arn:aws:iam::111122223333:role/team-a/app-role" }));
    }

    [Fact]
    public void AServicePrincipalMatchesItsServiceName()
    {
        var statement = Requests.Policy("""{"Statement":{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}}""").Statements[0];
        Assert.Equal(PrincipalMatch.Exact, PrincipalMatcher.Match(statement, RequestPrincipal.FromArn("lambda.amazonaws.com")));
    }

    [Fact]
    public void NotPrincipalAppliesToThoseItDoesNotName()
    {
        var statement = Requests.Policy("""{"Statement":{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:role/app-role"},"Action":"s3:*"}}""").Statements[0];
        Assert.Equal(PrincipalMatch.NoMatch, PrincipalMatcher.Match(statement, RequestPrincipal.FromArn(Requests.Session)));
        Assert.Equal(PrincipalMatch.Exact, PrincipalMatcher.Match(statement, RequestPrincipal.FromArn("arn:aws:sts::111122223333:assumed-role/other/s")));
    }

    [Fact]
    public void TheOutcomeNamesEachElementThatMissed()
    {
        var doc = Requests.Policy("""{"Version":"2012-10-17","Statement":{"Sid":"Read","Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::other/*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}}""");
        var outcome = StatementEvaluator.Evaluate(doc.Statements[0], doc, new PolicySource(DenialLayer.IdentityPolicy, PolicyName: "inline"), Requests.Context());
        Assert.Equal(["action", "resource", "condition:aws:SourceVpce"], outcome.Mismatch);
        Assert.Equal("Read", outcome.Reference.Sid);
    }
}
