using Denied.Remediation;

namespace Denied.Core.Tests.Remediation;

/// <summary>
/// A secret named without its random suffix resolves to "NAME-??????": the six '?' are wildcards on purpose and must
/// reach every output as wildcards, while '*', '?' and '$' in the name itself (record text) stay escaped.
/// </summary>
public sealed class SecretSuffixWildcardTests
{
    private const string Prefix = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:";

    private static FixRequest Secret(string name, int wildcards = 6) =>
        SomeFixRequest.For("secretsmanager:GetSecretValue", Prefix + name + "-??????") with { ResourceWildcardSuffixLength = wildcards };

    [Theory]
    [InlineData("prod/db", "prod/db-??????")]
    [InlineData("prod/*", "prod/${*}-??????")]
    [InlineData("what?", "what${?}-??????")]
    [InlineData("${aws:username}", "${$}{aws:username}-??????")]
    public void TheSuffixStaysAWildcardAndTheNameStaysLiteral(string name, string expected)
    {
        var fix = FixBuilder.Build(Secret(name));

        Assert.Equal(Prefix + expected, Assert.Single(fix.Statements).Statement.Resources.Single());
    }

    [Fact]
    public void TheSuffixWildcardsReachTheCommandAndEverySnippetUnescaped()
    {
        var fix = FixBuilder.Build(Secret("prod/db"));

        Assert.Contains(fix.Commands, c => c.StartsWith("aws iam put-role-policy", StringComparison.Ordinal) && c.Contains("secret:prod/db-??????\"", StringComparison.Ordinal));
        Assert.Equal(["cdk", "cloudformation", "sam", "serverless", "terraform"], fix.Snippets.Keys.Order(StringComparer.Ordinal));
        Assert.All(fix.Snippets.Values, s => Assert.Contains("secret:prod/db-??????", s, StringComparison.Ordinal));
        Assert.All(Diagnose.Texts(fix), t => Assert.DoesNotContain("${?}", t, StringComparison.Ordinal));
        Assert.Contains(fix.Notes, n => n.Contains("wildcards on purpose", StringComparison.Ordinal));
    }

    [Fact]
    public void APatternIsNotPassedToTheSamTemplateWhoseParameterIsAnArn()
    {
        var sam = FixBuilder.Build(Secret("prod/db")).Snippets["sam"];

        Assert.DoesNotContain("AWSSecretsManagerGetSecretValuePolicy", sam, StringComparison.Ordinal);
        Assert.Contains("- Statement:", sam, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void AFlagThatDoesNotCoverOnlyWildcardsEscapesTheWholeResource(int wildcards)
    {
        // 7 would take the "-" too: not a suffix the resolver builds, so nothing is honoured as a pattern.
        var fix = FixBuilder.Build(Secret("prod/db", wildcards));

        Assert.Equal(Prefix + "prod/db-${?}${?}${?}${?}${?}${?}", Assert.Single(fix.Statements).Statement.Resources.Single());
    }

    [Fact]
    public void ASecretPolicyFixAddressesThePatternSecretByItsPartialArn()
    {
        var fix = FixBuilder.Build(Secret("prod/db") with { Layer = Denied.Diagnostics.DenialLayer.ResourcePolicy });

        Assert.Equal(["*"], Assert.Single(fix.Statements).Statement.Resources);
        Assert.Contains(fix.Commands, c => c.Contains("--secret-id " + Prefix + "prod/db ", StringComparison.Ordinal));
        Assert.All(fix.Commands, c => Assert.DoesNotContain("?", c, StringComparison.Ordinal));
    }

    [Fact]
    public void ARecordNamingTheSecretByNameGetsAStatementMatchingTheRealSecret()
    {
        var fix = Diagnose.Fixture("secretsmanager-getsecretvalue-by-name-no-message.json");

        var statement = Assert.Single(fix.Statements).Statement;
        Assert.Equal(["arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-??????"], statement.Resources);
    }

    [Fact]
    public void AHostileSecretNameInARecordIsEscapedBeforeTheSuffix()
    {
        var fix = Diagnose.Fixture("secretsmanager-getsecretvalue-by-name-no-message.json", r => r["requestParameters"]!["secretId"] = "prod/*");

        Assert.Equal(["arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/${*}-??????"], Assert.Single(fix.Statements).Statement.Resources);
    }
}
