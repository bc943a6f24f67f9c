using Denied.Policies;

namespace Denied.Core.Tests.Policies;

/// <summary>A parsed policy written back (the whole document a statement edit replaces) keeps every element.</summary>
public sealed class PolicyDocumentJsonTests
{
    [Theory]
    [InlineData("""{"Version":"2012-10-17","Id":"k","Statement":[{"Sid":"A","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":"iam:*","NotResource":["arn:aws:s3:::a","arn:aws:s3:::b"],"Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"},"ForAnyValue:StringLikeIfExists":{"aws:TagKeys":["x*","y"]}}}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","*"],"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},{"Effect":"Deny","NotPrincipal":{"Federated":"cognito-identity.amazonaws.com","CanonicalUser":"79a59df9"},"Action":"*","Resource":"*"}]}""")]
    public void AWrittenDocumentReadsBackTheSame(string json)
    {
        var document = PolicyParser.Parse(json);

        var written = PolicyDocumentJson.Write(document);

        Assert.Equal(json, written);
        Assert.Equivalent(document, PolicyParser.Parse(written), strict: true);
    }
}
