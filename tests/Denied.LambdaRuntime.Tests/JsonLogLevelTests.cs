using Denied.LambdaRuntime.Observability;
using Denied.LambdaRuntime.Settings;

namespace Denied.LambdaRuntime.Tests;

/// <summary>LOG_LEVEL: JsonLog writes only lines at or above its minimum; the setting is read strictly.</summary>
public sealed class JsonLogLevelTests
{
    [Theory]
    [InlineData(LogLevel.Debug, new[] { "debug", "info", "warn", "error" })]
    [InlineData(LogLevel.Info, new[] { "info", "warn", "error" })]
    [InlineData(LogLevel.Warn, new[] { "warn", "error" })]
    [InlineData(LogLevel.Error, new[] { "error" })]
    public void LinesBelowTheMinimumAreDropped(LogLevel minimum, string[] written)
    {
        var output = new StringWriter();
        var log = new JsonLog(output, "f", minimum);

        log.Debug("d");
        log.Info("i");
        log.Warn("w");
        log.Error("e");

        Assert.Equal(written.Select(l => $"\"level\":\"{l}\"").ToArray(), Levels(output));
    }

    [Fact]
    public void DefaultMinimumIsInfo()
    {
        var output = new StringWriter();
        var log = new JsonLog(output, "f");

        log.Debug("d");
        log.Info("i");

        Assert.Equal(["\"level\":\"info\""], Levels(output));
        Assert.Equal(LogLevel.Info, log.Minimum);
    }

    [Theory]
    [InlineData("DEBUG", LogLevel.Debug)]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("Info", LogLevel.Info)]
    [InlineData("wArN", LogLevel.Warn)]
    [InlineData(" ERROR ", LogLevel.Error)]
    public void LevelNamesAreReadInAnyCase(string text, LogLevel expected)
    {
        var env = new SettingsReader(new Dictionary<string, string?> { ["LOG_LEVEL"] = text });

        Assert.Equal(expected, env.Level("LOG_LEVEL", LogLevel.Info));
        env.ThrowIfInvalid("F");
    }

    [Fact]
    public void UnsetLevelTakesTheDefault()
    {
        var env = new SettingsReader(new Dictionary<string, string?>());

        Assert.Equal(LogLevel.Warn, env.Level("LOG_LEVEL", LogLevel.Warn));
        env.ThrowIfInvalid("F");
    }

    [Theory]
    [InlineData("Information")]
    [InlineData("Warning")]
    [InlineData("TRACE")]
    [InlineData("3")]
    public void UnknownLevelFailsNamingTheVariableAndTheAllowedValues(string text)
    {
        var env = new SettingsReader(new Dictionary<string, string?> { ["LOG_LEVEL"] = text });
        env.Level("LOG_LEVEL", LogLevel.Info);

        var e = Assert.Throws<InvalidSettingsException>(() => env.ThrowIfInvalid("F"));

        Assert.Equal("F settings are invalid: LOG_LEVEL is not valid (expected DEBUG, INFO, WARN or ERROR).", e.Message);
    }

    private static string[] Levels(StringWriter output) =>
        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line[line.IndexOf("\"level\"", StringComparison.Ordinal)..].Split(',')[0])
            .ToArray();
}
