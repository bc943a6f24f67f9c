using Template.Tests.Support;

namespace Template.Tests.Infra;

/// <summary>infra/trail.yaml: what the optional trail records, and that paid data events stay on the Lambda roles.</summary>
public sealed class TrailTemplateTests
{
    [Fact]
    public async Task TrailCoversEveryRegionAndGlobalServices()
    {
        var t = await Templates.LoadAsync(TemplateFiles.Trail);
        var trail = t.Resource("Trail");

        Assert.True(trail.Required("IsMultiRegionTrail").GetBoolean());
        Assert.True(trail.Required("IncludeGlobalServiceEvents").GetBoolean());
        Assert.True(trail.Required("IsLogging").GetBoolean());
        Assert.True(trail.Required("EnableLogFileValidation").GetBoolean());
    }

    [Fact]
    public async Task TrailRecordsReadAndWriteManagementEvents()
    {
        var t = await Templates.LoadAsync(TemplateFiles.Trail);

        var management = Selectors(t).Single(s => FieldEquals(s, "eventCategory") == "Management");

        // No readOnly field: both reads and writes (read-only denials such as kms:Decrypt matter most).
        var field = Assert.Single(management.GetProperty("FieldSelectors").EnumerateArray());
        Assert.Equal("eventCategory", field.GetProperty("Field").GetString());
    }

    [Fact]
    public async Task EveryDataEventSelectorIsLimitedToTheLambdaRoleSessions()
    {
        var t = await Templates.LoadAsync(TemplateFiles.Trail);

        var data = Selectors(t).Where(s => FieldEquals(s, "eventCategory") == "Data").ToList();

        Assert.Equal(3, data.Count);
        Assert.All(data, s =>
        {
            var principal = Assert.Single(s.GetProperty("FieldSelectors").EnumerateArray(), f => f.GetProperty("Field").GetString() == "userIdentity.arn");
            Assert.Equal(
                "arn:${AWS::Partition}:sts::${AWS::AccountId}:assumed-role/${LambdaRoleNamePrefix}",
                Intrinsics.SubTemplate(Assert.Single(principal.GetProperty("StartsWith").EnumerateArray())));
        });
    }

    [Fact]
    public async Task NetworkActivitySelectorKeepsOnlyVpcEndpointDenials()
    {
        var t = await Templates.LoadAsync(TemplateFiles.Trail);

        var network = Assert.Single(Selectors(t), s => FieldEquals(s, "eventCategory") == "NetworkActivity");

        Assert.Equal("VpceAccessDenied", FieldEquals(network, "errorCode"));
    }

    private static IEnumerable<System.Text.Json.JsonElement> Selectors(CfnTemplate t) =>
        Intrinsics.Items(t.Resource("Trail").Required("AdvancedEventSelectors"));

    private static string? FieldEquals(System.Text.Json.JsonElement selector, string field) =>
        selector.GetProperty("FieldSelectors").EnumerateArray()
            .Where(f => f.GetProperty("Field").GetString() == field)
            .Select(f => f.GetProperty("Equals")[0].GetString())
            .SingleOrDefault();
}
