using Denied.Cli;

namespace Cli.Tests;

/// <summary>The denial query selects what the Detector's rule matches, prunes by partition, and refuses names and values it cannot write safely.</summary>
public sealed class AthenaSqlTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 1, 6, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2026, 11, 30, 23, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("errorcode LIKE '%AccessDenied%'")]
    [InlineData("errorcode LIKE '%UnauthorizedOperation'")]
    [InlineData("errorcode IN ('AuthorizationError', 'Forbidden', 'ForbiddenException')")]
    [InlineData("errormessage LIKE '%is not authorized to perform%'")]
    [InlineData("errormessage LIKE '%not authorized to%'")]
    [InlineData("(eventsource = 'lambda.amazonaws.com' AND errormessage LIKE '%does not have permissions%')")]
    [InlineData("AND \"timestamp\" >= '2026/11/01'")]
    [InlineData("AND eventtime >= '2026-11-01T06:30:00Z'")]
    [InlineData("AND \"timestamp\" <= '2026/11/30'")]
    [InlineData("AND eventtime <= '2026-11-30T23:00:00Z'")]
    [InlineData("AND account IN ('111122223333', '444455556666')")]
    [InlineData("AND region IN ('us-east-1')")]
    [InlineData("FROM \"logs\".\"cloudtrail\"")]
    [InlineData("useridentity.sessioncontext.sessionissuer.arn AS sessionissuer_arn")]
    [InlineData("json_format(CAST(transform(resources, r -> ARRAY[r.arn, r.accountid, r.type]) AS JSON)) AS resources")]
    public void TheDenialQuery_HasTheRulesPatternsAndThePartitionFilters(string clause)
    {
        var sql = AthenaSql.DenialQuery("logs", "cloudtrail", From, To, ["111122223333", "444455556666"], ["us-east-1"]);

        Assert.Contains(clause, sql, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutWindowAccountsOrRegions_OnlyTheDenialFilterApplies()
    {
        var sql = AthenaSql.DenialQuery("logs", "cloudtrail", null, null, [], []);

        Assert.DoesNotContain("timestamp", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("account IN", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("region IN", sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cloudtrail")]
    [InlineData("logs.")]
    [InlineData(".cloudtrail")]
    [InlineData("logs.cloud-trail")]
    [InlineData("logs.t; DROP TABLE x")]
    [InlineData("logs.\"t\"")]
    public void ATableThatIsNotDatabaseDotTable_IsRefused(string table)
    {
        Assert.Throws<CliInputException>(() => AthenaSql.ParseTable(table));
    }

    [Fact]
    public void TableNames_AreLowercased_AsAthenaStoresThem()
    {
        Assert.Equal(("security_logs", "cloudtrail_pp"), AthenaSql.ParseTable("Security_Logs.CloudTrail_PP"));
    }

    [Theory]
    [InlineData("11112222333", "us-east-1")]
    [InlineData("111122223333') OR (1=1", "us-east-1")]
    [InlineData("111122223333", "us-east-1' OR '1'='1")]
    [InlineData("111122223333", "US-EAST-1")]
    public void AccountsAndRegionsOfTheWrongShape_AreRefused(string account, string region)
    {
        Assert.Throws<CliInputException>(() => AthenaSql.DenialQuery("logs", "t", null, null, [account], [region]));
    }

    [Theory]
    [InlineData("s3://acme-trail/AWSLogs/", "s3://acme-trail/AWSLogs/")]
    [InlineData("s3://acme-trail/AWSLogs", "s3://acme-trail/AWSLogs/")]
    [InlineData("s3://acme-trail/org/AWSLogs/o-abc123def4/", "s3://acme-trail/org/AWSLogs/o-abc123def4/")]
    public void TheTrailLocation_IsTheTablesLocationAndTemplateRoot(string trail, string location)
    {
        var ddl = AthenaSql.CreateTable("logs", "cloudtrail", trail, ["111122223333"], ["us-east-1"], null);

        Assert.Contains($"LOCATION '{location}'", ddl, StringComparison.Ordinal);
        Assert.Contains($"'storage.location.template'='{location}${{account}}/CloudTrail/${{region}}/${{timestamp}}'", ddl, StringComparison.Ordinal);
        Assert.Contains("'projection.timestamp.range'='2020/01/01,NOW'", ddl, StringComparison.Ordinal);
        Assert.Contains("STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'", ddl, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s3://acme-trail/logs/")]
    [InlineData("s3://acme-trail/AWSLogs/'; DROP/")]
    [InlineData("s3://Acme_Trail/AWSLogs/")]
    [InlineData("https://acme-trail/AWSLogs/")]
    public void ATrailLocationThatIsNotAnAwsLogsPrefix_IsRefused(string trail)
    {
        Assert.Throws<CliInputException>(() => AthenaSql.CreateTable("logs", "cloudtrail", trail, ["111122223333"], ["us-east-1"], null));
    }

    [Fact]
    public void CreatingTheTable_NeedsTheAccountsAndRegionsItProjects()
    {
        var e = Assert.Throws<CliInputException>(() => AthenaSql.CreateTable("logs", "cloudtrail", "s3://b/AWSLogs/", [], ["us-east-1"], null));

        Assert.Contains("--accounts and --regions", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0.000048)]
    [InlineData(10 * 1024 * 1024, 0.000048)]
    [InlineData(10 * 1024 * 1024 + 1, 0.000052)]
    [InlineData(1L << 40, 5.0)]
    public void Cost_IsFiveDollarsPerTerabyte_RoundedUpToTheMegabyte_TenMegabytesAtLeast(long bytes, double dollars)
    {
        Assert.Equal((decimal)dollars, Math.Round(AthenaCost.Dollars(bytes), 6));
    }
}
