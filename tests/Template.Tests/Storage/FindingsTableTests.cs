using Template.Tests.Support;

namespace Template.Tests.Storage;

/// <summary>The findings table: keys, one index per promised query, stream, TTL, backups, retention.</summary>
public sealed class FindingsTableTests
{
    [Fact]
    public async Task TableIsKeyedByPkAndSk()
    {
        var t = await Templates.MainAsync();

        var keys = t.Resource("FindingsTable").Required("KeySchema").EnumerateArray()
            .Select(k => (k.GetProperty("AttributeName").GetString(), k.GetProperty("KeyType").GetString())).ToList();

        Assert.Equal([("pk", "HASH"), ("sk", "RANGE")], keys);
    }

    [Theory]
    [InlineData("byStatus", "status")]
    [InlineData("byFunction", "functionName")]
    [InlineData("byRole", "roleArn")]
    [InlineData("byAction", "action")]
    [InlineData("byService", "service")]
    [InlineData("byAccount", "account")]
    public async Task IndexServesItsQueryNewestFirst(string index, string partitionKey)
    {
        var t = await Templates.MainAsync();
        var table = t.Resource("FindingsTable");

        var gsi = Assert.Single(table.Required("GlobalSecondaryIndexes").EnumerateArray(), g => g.GetProperty("IndexName").GetString() == index);
        var keys = gsi.GetProperty("KeySchema").EnumerateArray()
            .Select(k => (k.GetProperty("AttributeName").GetString(), k.GetProperty("KeyType").GetString())).ToList();

        Assert.Equal([(partitionKey, "HASH"), ("lastSeen", "RANGE")], keys);
        Assert.Equal("ALL", gsi.GetProperty("Projection").GetProperty("ProjectionType").GetString());
        var defined = table.Required("AttributeDefinitions").EnumerateArray()
            .ToDictionary(a => a.GetProperty("AttributeName").GetString()!, a => a.GetProperty("AttributeType").GetString());
        Assert.Equal("S", defined[partitionKey]);
        Assert.Equal("S", defined["lastSeen"]);
    }

    [Fact]
    public async Task TableHasExactlyTheSixQueryIndexes()
    {
        var t = await Templates.MainAsync();

        var names = t.Resource("FindingsTable").Required("GlobalSecondaryIndexes").EnumerateArray()
            .Select(g => g.GetProperty("IndexName").GetString()).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["byAccount", "byAction", "byFunction", "byRole", "byService", "byStatus"], names);
    }

    [Fact]
    public async Task TableStreamsBothImagesExpiresByTtlAndIsBackedUp()
    {
        var t = await Templates.MainAsync();
        var table = t.Resource("FindingsTable");

        Assert.Equal("PAY_PER_REQUEST", table.Required("BillingMode").GetString());
        Assert.Equal("NEW_AND_OLD_IMAGES", table.Required("StreamSpecification").GetProperty("StreamViewType").GetString());
        Assert.Equal("expiresAt", table.Required("TimeToLiveSpecification").GetProperty("AttributeName").GetString());
        Assert.True(table.Required("TimeToLiveSpecification").GetProperty("Enabled").GetBoolean());
        Assert.True(table.Required("PointInTimeRecoverySpecification").GetProperty("PointInTimeRecoveryEnabled").GetBoolean());
    }

    [Fact]
    public async Task TableSurvivesStackDeletionAndIsDeletionProtectedByDefault()
    {
        var t = await Templates.MainAsync();
        var table = t.Resource("FindingsTable");

        Assert.Equal("Retain", table.Attribute("DeletionPolicy"));
        Assert.Equal("Retain", table.Attribute("UpdateReplacePolicy"));
        Assert.Equal("ProtectTable", table.Required("DeletionProtectionEnabled").GetProperty("Fn::If")[0].GetString());
        Assert.Equal("true", t.ParameterDefault("TableDeletionProtection").GetString());
    }
}
