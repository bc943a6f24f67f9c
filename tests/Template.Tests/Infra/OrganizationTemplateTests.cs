using Template.Tests.Support;

namespace Template.Tests.Infra;

/// <summary>infra/member-forwarder.yaml sends what the main rule would match to the central bus, through a role.</summary>
public sealed class OrganizationTemplateTests
{
    [Theory]
    [InlineData("ForwardAccessDeniedRule")]
    [InlineData("ForwardNetworkActivityDeniedRule")]
    public async Task ForwarderSendsFromTheDefaultBusToTheCentralBusThroughItsRole(string rule)
    {
        var t = await Templates.LoadAsync(TemplateFiles.MemberForwarder);
        var r = t.Resource(rule);

        var target = Assert.Single(r.Required("Targets").EnumerateArray());

        Assert.Equal("default", r.Required("EventBusName").GetString());
        Assert.True(Intrinsics.IsRef(target.GetProperty("Arn"), "CentralEventBusArn"));
        Assert.True(Intrinsics.IsGetAtt(target.GetProperty("RoleArn"), "ForwarderRole", "Arn"));
    }

    [Fact]
    public async Task ForwarderRoleCanBeAssumedOnlyByEventBridgeForThisAccount()
    {
        var t = await Templates.LoadAsync(TemplateFiles.MemberForwarder);

        var trust = Assert.Single(PolicyStatement.AllIn(t.Resource("ForwarderRole").Required("AssumeRolePolicyDocument")));

        Assert.Equal("events.amazonaws.com", trust.ServicePrincipal);
        Assert.True(Intrinsics.IsRef(trust.ConditionValue("aws:SourceAccount")!.Value, "AWS::AccountId"));
    }

    [Fact]
    public async Task CentralBusTemplateLeavesTheDetectionRuleToTheMainStack()
    {
        var t = await Templates.LoadAsync(TemplateFiles.OrgCentralBus);

        // The main stack's rule goes on this bus (EventBusName), so its queue policy names one rule ARN.
        Assert.Empty(t.OfType("AWS::Events::Rule"));
        Assert.Single(t.OfType("AWS::Events::EventBus"));
    }
}
