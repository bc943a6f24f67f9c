namespace Denied.Core.Tests.Resources;

public sealed class SecretsAndParametersTests
{
    [Fact]
    public void SecretArnIsKept() =>
        Assert.Equal(
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
            Resolve.FromParameters("secretsmanager:GetSecretValue", """{"secretId":"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"}""").Resource);

    [Fact]
    public void SecretNameGivesAWildcardSuffixArnWithNote()
    {
        var resolution = Resolve.FromParameters("secretsmanager:GetSecretValue", """{"secretId":"prod/db"}""");
        Assert.Equal("arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-??????", resolution.Resource);
        Assert.Contains(resolution.Notes, n => n.Contains("suffix is unknown", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ssm:GetParameter", """{"name":"/app/db/password","withDecryption":true}""", "arn:aws:ssm:us-east-1:123456789012:parameter/app/db/password")]
    [InlineData("ssm:GetParameter", """{"name":"plain"}""", "arn:aws:ssm:us-east-1:123456789012:parameter/plain")]
    [InlineData("ssm:GetParameters", """{"names":["/app/one"]}""", "arn:aws:ssm:us-east-1:123456789012:parameter/app/one")]
    [InlineData("ssm:GetParametersByPath", """{"path":"/app/","recursive":true}""", "arn:aws:ssm:us-east-1:123456789012:parameter/app")]
    [InlineData("ssm:GetParameter", """{"name":"arn:aws:ssm:us-east-1:999988887777:parameter/shared"}""", "arn:aws:ssm:us-east-1:999988887777:parameter/shared")]
    public void ParameterNameGivesTheParameterArnWithoutTheLeadingSlash(string action, string requestParameters, string expected) =>
        Assert.Equal(expected, Resolve.FromParameters(action, requestParameters).Resource);

    [Fact]
    public void SeveralParameterNamesGiveNullWithNote()
    {
        var resolution = Resolve.FromParameters("ssm:GetParameters", """{"names":["/a","/b"]}""");
        Assert.Null(resolution.Resource);
        Assert.Contains(resolution.Notes, n => n.Contains("/a, /b", StringComparison.Ordinal));
    }
}
