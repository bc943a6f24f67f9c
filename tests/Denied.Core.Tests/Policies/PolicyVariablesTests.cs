using Denied.Policies;

namespace Denied.Core.Tests.Policies;

public sealed class PolicyVariablesTests
{
    [Theory]
    [InlineData("home/${aws:username}/*", "home/alice/report", Truth.True, true)]
    [InlineData("home/${aws:username}/*", "home/bob/report", Truth.True, false)]
    [InlineData("team-${aws:PrincipalTag/team}", "team-dev", Truth.True, true)]
    [InlineData("${aws:userid}", "AROAEXAMPLEID:fn-session", Truth.True, true)]
    [InlineData("literal-${*}", "literal-*", Truth.True, true)]
    [InlineData("literal-${*}", "literal-anything", Truth.True, false)]
    [InlineData("what${?}", "what?", Truth.True, true)]
    [InlineData("cost${$}", "cost$", Truth.True, true)]
    [InlineData("${aws:SourceVpce, 'none'}", "none", Truth.True, true)]
    [InlineData("${aws:SourceVpce}", "", Truth.False, false)]
    [InlineData("${aws:RequestTag/env}", "", Truth.Unknown, false)]
    public void Substitution(string text, string value, Truth resolved, bool matches)
    {
        var context = new RequestContext(RequestPrincipal.FromArn(Requests.Session), "s3:GetObject", "*", null,
            new Dictionary<string, IReadOnlyList<string>> { ["aws:username"] = ["alice"], ["aws:PrincipalTag/team"] = ["dev"], ["aws:userid"] = ["AROAEXAMPLEID:fn-session"] },
            complete: false, knownAbsent: ["aws:SourceVpce"]);
        Assert.Equal(resolved, PolicyVariables.Resolve(text, context, substitute: true, out var pattern));
        if (resolved == Truth.True) Assert.Equal(matches, pattern.Matches(value, ignoreCase: false));
    }

    [Fact]
    public void A2008VersionDocumentReadsVariablesLiterally()
    {
        var context = Requests.Context(keys: "aws:username=alice");
        Assert.Equal(Truth.True, PolicyVariables.Resolve("home/${aws:username}", context, substitute: false, out var pattern));
        Assert.True(pattern.Matches("home/${aws:username}", ignoreCase: false));
        Assert.False(pattern.Matches("home/alice", ignoreCase: false));
    }

    [Fact]
    public void VariablesInResourcesFollowTheDocumentVersion()
    {
        var context = Requests.Context(resource: Requests.Bucket + "/home/alice/x", principal: "arn:aws:iam::111122223333:user/alice", keys: "aws:username=alice");
        const string statement = """
            "Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"}
            """;
        var current = Requests.Policy("{\"Version\":\"2012-10-17\"," + statement + "}");
        var old = Requests.Policy("{\"Version\":\"2008-10-17\"," + statement + "}");
        var source = new PolicySource(Denied.Diagnostics.DenialLayer.IdentityPolicy, PolicyName: "p");
        Assert.Equal(Truth.True, StatementEvaluator.Evaluate(current.Statements[0], current, source, context).Applies);
        Assert.Equal(Truth.False, StatementEvaluator.Evaluate(old.Statements[0], old, source, context).Applies);
    }
}
