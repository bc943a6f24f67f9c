using Denied.Remediation;

namespace Denied.Core.Tests.Remediation;

/// <summary>An action evaluated on "*" because its resource types are all optional is granted on "*" only.</summary>
public sealed class OptionalResourceStarTests
{
    [Theory]
    [InlineData("cloudwatch:PutMetricData")]
    [InlineData("polly:SynthesizeSpeech")]
    [InlineData("translate:TranslateText")]
    public void ActionOnStarGetsOneStatementOnStar(string action)
    {
        var fix = FixBuilder.Build(SomeFixRequest.For(action, "*"));

        var statement = Assert.Single(fix.Statements).Statement;
        Assert.Equal([action], statement.Actions);
        Assert.Equal(["*"], statement.Resources);
    }
}
