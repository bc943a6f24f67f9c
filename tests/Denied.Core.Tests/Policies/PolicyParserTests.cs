using Denied.Policies;

namespace Denied.Core.Tests.Policies;

public sealed class PolicyParserTests
{
    [Fact]
    public void StatementAsOneObjectAndStringElementsAreLists()
    {
        var doc = Requests.Policy("""{"Version":"2012-10-17","Statement":{"Sid":"One","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""");
        var statement = Assert.Single(doc.Statements);
        Assert.Equal(("One", PolicyEffect.Allow, 0), (statement.Sid, statement.Effect, statement.Index));
        Assert.Equal(["s3:GetObject"], statement.Actions);
        Assert.Equal(["*"], statement.Resources);
        Assert.True(doc.SubstitutesVariables);
    }

    [Fact]
    public void StatementArrayKeepsIndexesAndNotElements()
    {
        var doc = Requests.Policy("""{"Statement":[{"Effect":"Deny","NotAction":["iam:*"],"NotResource":"arn:aws:s3:::b"},{"Effect":"Allow","Action":"*","Resource":"*"}]}""");
        Assert.Equal([0, 1], doc.Statements.Select(s => s.Index));
        Assert.Equal(["iam:*"], doc.Statements[0].NotActions);
        Assert.Equal(["arn:aws:s3:::b"], doc.Statements[0].NotResources);
        Assert.Null(doc.Version);
        Assert.False(doc.SubstitutesVariables);
    }

    [Theory]
    [InlineData("\"*\"", true, 0, 0)]
    [InlineData("""{"AWS":"*"}""", true, 1, 0)]
    [InlineData("""{"AWS":["111122223333","arn:aws:iam::444455556666:root"]}""", false, 2, 0)]
    [InlineData("""{"Service":"lambda.amazonaws.com"}""", false, 0, 1)]
    public void PrincipalForms(string principal, bool everyone, int aws, int service)
    {
        var element = Requests.Policy("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":" + principal + ",\"Action\":\"s3:*\"}}").Statements[0].Principal!;
        Assert.Equal((everyone, aws, service), (element.Everyone, element.Aws.Count, element.Service.Count));
    }

    [Fact]
    public void FederatedAndCanonicalUserPrincipalsAreRead()
    {
        var element = Requests.Policy("""{"Statement":{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com","CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},"Action":"s3:*"}}""").Statements[0].Principal!;
        Assert.Equal(["cognito-identity.amazonaws.com"], element.Federated);
        Assert.Single(element.CanonicalUser);
    }

    [Fact]
    public void ConditionValuesMayBeStringsNumbersOrBooleans()
    {
        var conditions = Requests.Policy("""{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":true},"NumericLessThan":{"s3:max-keys":10},"ForAnyValue:StringLike":{"aws:CalledVia":["athena.amazonaws.com","dynamodb.*"]}}}}""").Statements[0].Conditions;
        Assert.Equal(["true"], conditions[0].Values);
        Assert.Equal(["10"], conditions[1].Values);
        Assert.Equal(SetQualifier.ForAnyValue, conditions[2].Operator.Qualifier);
        Assert.Equal(2, conditions[2].Values.Count);
    }

    [Theory]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("""{"Version":"2012-10-17"}""", "no Statement")]
    [InlineData("""{"Version":"2020-01-01","Statement":[]}""", "Version must be")]
    [InlineData("""{"Statement":{"Action":"*"}}""", "no Effect")]
    [InlineData("""{"Statement":{"Effect":"allow","Action":"*"}}""", "must be Allow or Deny")]
    [InlineData("""{"Statement":{"Effect":"Allow"}}""", "exactly one of Action and NotAction")]
    [InlineData("""{"Statement":{"Effect":"Allow","Action":"*","NotAction":"*"}}""", "exactly one of Action and NotAction")]
    [InlineData("""{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","NotResource":"*"}}""", "both Resource and NotResource")]
    [InlineData("""{"Statement":{"Effect":"Allow","Action":"*","Principal":"me"}}""", "must be \"*\" or an object")]
    [InlineData("""{"Statement":{"Effect":"Allow","Action":"*","Principal":{"Users":"x"}}}""", "unknown principal type")]
    [InlineData("""{"Statement":{"Effect":"Allow","Action":"*","Condition":{"StringEqualz":{"k":"v"}}}}""", "unknown operator")]
    [InlineData("""{"Statement":{"Effect":"Allow","Action":"*","Condition":{"NullIfExists":{"k":"true"}}}}""", "unknown operator")]
    [InlineData("""{"Statement":{"Effect":"Allow","Action":[1]}}""", "only strings")]
    [InlineData("""{"Statement":{"Effect":"Allow","Action":"*","Bogus":1}}""", "unknown element")]
    [InlineData("not json", "not JSON")]
    public void MalformedPoliciesAreRefusedNamingTheElement(string json, string message)
    {
        var error = Assert.Throws<PolicyFormatException>(() => PolicyParser.Parse(json));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
