using System.Text.Json;
using Template.Tests.Support;

namespace Template.Tests.Detection;

/// <summary>The EventBridge rules: state, pattern (kept equal to infra/*.json), target delivery settings.</summary>
public sealed class DetectionRuleTests
{
    public static TheoryData<string, string, string> RulesAndTheirPatternFiles() => new()
    {
        { TemplateFiles.Main, "AccessDeniedRule", TemplateFiles.EventPattern },
        { TemplateFiles.Main, "NetworkActivityDeniedRule", TemplateFiles.NetworkActivityEventPattern },
        { TemplateFiles.MemberForwarder, "ForwardAccessDeniedRule", TemplateFiles.EventPattern },
        { TemplateFiles.MemberForwarder, "ForwardNetworkActivityDeniedRule", TemplateFiles.NetworkActivityEventPattern },
    };

    [Theory]
    [MemberData(nameof(RulesAndTheirPatternFiles))]
    public async Task RulePatternEqualsThePatternFileExactly(string template, string rule, string patternFile)
    {
        var t = await Templates.LoadAsync(template);

        var inTemplate = t.Resource(rule).Required("EventPattern");
        var onDisk = Json.ReadFile(TemplateFiles.FullPath(patternFile));

        Assert.True(JsonElement.DeepEquals(onDisk, inTemplate), $"{template} {rule} pattern differs from {patternFile}:\n{inTemplate}");
    }

    [Theory]
    [InlineData(TemplateFiles.Main)]
    [InlineData(TemplateFiles.MemberForwarder)]
    public async Task EveryRuleMatchesReadOnlyManagementEventsToo(string template)
    {
        var t = await Templates.LoadAsync(template);

        var rules = t.OfType("AWS::Events::Rule").ToList();

        Assert.NotEmpty(rules);
        Assert.All(rules, r => Assert.Equal("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", r.Required("State").GetString()));
    }

    [Fact]
    public void EventPatternDoesNotRestrictTheCallerType()
    {
        var pattern = File.ReadAllText(TemplateFiles.FullPath(TemplateFiles.EventPattern));

        Assert.DoesNotContain("userIdentity", pattern, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetectionRuleListensOnTheDefaultBusUnlessACentralBusIsNamed()
    {
        var t = await Templates.MainAsync();

        Assert.True(Intrinsics.IsRef(t.Resource("AccessDeniedRule").Required("EventBusName"), "EventBusName"));
        Assert.Equal("default", t.ParameterDefault("EventBusName").GetString());
    }

    [Theory]
    [InlineData("AccessDeniedRule")]
    [InlineData("NetworkActivityDeniedRule")]
    public async Task RuleDeliversToTheBufferQueueWithRetriesAndADeadLetterQueue(string rule)
    {
        var t = await Templates.MainAsync();

        var target = Assert.Single(t.Resource(rule).Required("Targets").EnumerateArray());

        Assert.True(Intrinsics.IsGetAtt(target.GetProperty("Arn"), "BufferQueue", "Arn"));
        Assert.Equal(185, Json.Number(target.GetProperty("RetryPolicy").GetProperty("MaximumRetryAttempts")));
        Assert.Equal(86400, Json.Number(target.GetProperty("RetryPolicy").GetProperty("MaximumEventAgeInSeconds")));
        Assert.True(Intrinsics.IsGetAtt(target.GetProperty("DeadLetterConfig").GetProperty("Arn"), "RuleDeadLetterQueue", "Arn"));
    }

    [Fact]
    public async Task NetworkActivityRuleExistsOnlyWhenAskedFor()
    {
        var t = await Templates.MainAsync();

        Assert.Equal("NetworkActivityRuleOn", t.Resource("NetworkActivityDeniedRule").Condition);
        Assert.Equal("false", t.ParameterDefault("NetworkActivityRule").GetString());
    }
}
