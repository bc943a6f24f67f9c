using Denied.LambdaRuntime.Observability;
using Denied.LambdaRuntime.Settings;
using Denied.Notifier;

namespace Notifier.Tests;

public sealed class NotifierSettingsTests
{
    private static Dictionary<string, string?> Valid() => new()
    {
        ["AWS_REGION"] = "eu-west-1",
        ["FINDINGS_TABLE"] = "denied-findings",
        ["TOPIC_ARN"] = "arn:aws:sns:eu-west-1:123456789012:denied-findings",
    };

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var settings = NotifierSettings.Read(new SettingsReader(Valid()));

        Assert.Equal([100L, 1000L, 10000L], settings.CountThresholds);
        Assert.Equal("Denied", settings.MetricsNamespace);
        Assert.Null(settings.EndpointOverride);
        Assert.Equal(LogLevel.Info, settings.LogLevel);
    }

    [Theory]
    [InlineData("DEBUG", LogLevel.Debug)]
    [InlineData("error", LogLevel.Error)]
    public void LogLevel_IsRead(string text, LogLevel expected)
    {
        var env = Valid();
        env["LOG_LEVEL"] = text;

        Assert.Equal(expected, NotifierSettings.Read(new SettingsReader(env)).LogLevel);
    }

    [Fact]
    public void UnknownLogLevel_FailsNamingTheVariableAndTheAllowedValues()
    {
        var env = Valid();
        env["LOG_LEVEL"] = "Information";

        var e = Assert.Throws<InvalidSettingsException>(() => NotifierSettings.Read(new SettingsReader(env)));

        Assert.StartsWith("Notifier settings are invalid", e.Message, StringComparison.Ordinal);
        Assert.Contains("LOG_LEVEL is not valid (expected DEBUG, INFO, WARN or ERROR)", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5, 50,500", new long[] { 5, 50, 500 })]
    [InlineData("1000,10,10", new long[] { 10, 1000 })]
    [InlineData("none", new long[0])]
    public void Thresholds_ParseSortedAndDistinct(string text, long[] expected) =>
        Assert.Equal(expected, NotifierSettings.ParseThresholds(text));

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("10,,20")]
    [InlineData("ten")]
    [InlineData("1.5")]
    public void BadThresholds_AreRejected(string text) => Assert.Null(NotifierSettings.ParseThresholds(text));

    [Fact]
    public void EveryBadValue_IsNamedInOneMessage()
    {
        var env = new Dictionary<string, string?>
        {
            ["AWS_REGION"] = "mars",
            ["TOPIC_ARN"] = "arn:aws:sqs:eu-west-1:123456789012:not-a-topic",
            ["COUNT_THRESHOLDS"] = "10,x",
            ["DENIED_AWS_ENDPOINT_URL"] = "http://localhost:5000/path",
        };

        var e = Assert.Throws<InvalidSettingsException>(() => NotifierSettings.Read(new SettingsReader(env)));

        foreach (var name in new[] { "AWS_REGION", "FINDINGS_TABLE", "TOPIC_ARN", "COUNT_THRESHOLDS", "DENIED_AWS_ENDPOINT_URL" })
        {
            Assert.Contains(name, e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("arn:aws:sns:us-east-1:123456789012:denied.fifo")]
    [InlineData("arn:aws:sns:us-east-1:12345:denied")]
    [InlineData("denied-findings")]
    public void TopicArn_MustBeAStandardSnsTopicArn(string arn)
    {
        var env = Valid();
        env["TOPIC_ARN"] = arn;
        Assert.Throws<InvalidSettingsException>(() => NotifierSettings.Read(new SettingsReader(env)));
    }

    [Fact]
    public void GovCloudTopics_AreAccepted()
    {
        var env = Valid();
        env["AWS_REGION"] = "us-gov-west-1";
        env["TOPIC_ARN"] = "arn:aws-us-gov:sns:us-gov-west-1:123456789012:denied";
        Assert.Equal("arn:aws-us-gov:sns:us-gov-west-1:123456789012:denied", NotifierSettings.Read(new SettingsReader(env)).TopicArn);
    }
}
