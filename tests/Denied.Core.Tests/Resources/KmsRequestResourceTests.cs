namespace Denied.Core.Tests.Resources;

public sealed class KmsRequestResourceTests
{
    [Theory]
    [InlineData("kms:GenerateDataKey", "1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("kms:Encrypt", "mrk-1234abcd12ab34cd56ef1234567890ab", "arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab")]
    [InlineData("kms:Decrypt", "arn:aws:kms:eu-west-1:999988887777:key/1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:kms:eu-west-1:999988887777:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("kms:CreateAlias", "alias/app", "arn:aws:kms:us-east-1:123456789012:alias/app")]
    [InlineData("kms:DeleteAlias", "arn:aws:kms:us-east-1:123456789012:alias/app", "arn:aws:kms:us-east-1:123456789012:alias/app")]
    public void KeyIdGivesTheKeyOrAliasArn(string action, string keyId, string expected) =>
        Assert.Equal(expected, Resolve.FromParameters(action, $$"""{"keyId":"{{keyId}}"}""").Resource);

    [Fact]
    public void AliasForACryptographicOperationGivesNullWithNoteBecauseTheKeyIsEvaluated()
    {
        var resolution = Resolve.FromParameters("kms:Encrypt", """{"keyId":"alias/app"}""");
        Assert.Null(resolution.Resource);
        Assert.Contains(resolution.Notes, n => n.Contains("alias/app", StringComparison.Ordinal) && n.Contains("kms:RequestAlias", StringComparison.Ordinal));
    }

    [Fact]
    public void GovCloudKeyIdGivesAnAwsUsGovArn() =>
        Assert.Equal(
            "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/k1",
            Resolve.FromParameters("kms:Decrypt", """{"keyId":"k1"}""", "us-gov-west-1").Resource);
}
