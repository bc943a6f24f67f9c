namespace Denied.AwsClients.Tests;

public sealed class AwsEndpointSettingsTests
{
    [Theory]
    [InlineData("us-east-1", null, "sns", "https://sns.us-east-1.amazonaws.com/")]
    [InlineData("eu-central-2", null, "lambda", "https://lambda.eu-central-2.amazonaws.com/")]
    [InlineData("cn-north-1", null, "sns", "https://sns.cn-north-1.amazonaws.com.cn/")]
    [InlineData("us-east-1", "http://127.0.0.1:5055", "sns", "http://127.0.0.1:5055/")]
    [InlineData("us-east-1", "http://localhost:4566/", "lambda", "http://localhost:4566/")]
    public void EndpointFor_UsesTheRegionalDefaultOrTheOverride(string region, string? overrideUrl, string service, string expected)
    {
        var settings = new AwsEndpointSettings(region, overrideUrl is null ? null : new Uri(overrideUrl));

        Assert.Equal(expected, settings.EndpointFor(service).AbsoluteUri);
    }

    [Theory]
    [InlineData("", null, "Region")]
    [InlineData("US-EAST-1", null, "Region")]
    [InlineData("us-east-1/../x", null, "Region")]
    [InlineData("us-east-1", "http://127.0.0.1:5055/prefix", "ServiceUrlOverride")]
    [InlineData("us-east-1", "ftp://127.0.0.1/", "ServiceUrlOverride")]
    [InlineData("us-east-1", "http://127.0.0.1/?a=b", "ServiceUrlOverride")]
    public void EndpointFor_RejectsBadSettings_NamingTheField(string region, string? overrideUrl, string field)
    {
        var settings = new AwsEndpointSettings(region, overrideUrl is null ? null : new Uri(overrideUrl));

        var ex = Assert.Throws<ArgumentException>(() => settings.EndpointFor("sns"));

        Assert.Equal(field, ex.ParamName);
    }
}
