using System.Globalization;
using System.Text;

namespace Denied.Cli;

/// <summary>
/// The SQL `scan --athena` runs. Names and values come from the command line, so each is checked against the shape
/// Athena and AWS allow before it is written into a statement (no quoting tricks needed, none possible).
/// <list type="bullet">
/// <item><see cref="CreateTable"/>: AWS's documented CloudTrail table (Athena User Guide, "Create the table for CloudTrail
/// logs in Athena using partition projection"), partitioned by account, region and day as the trail writes its keys
/// (AWSLogs/{account}/CloudTrail/{region}/{yyyy/MM/dd}/), with partition projection so no partition is ever loaded.</item>
/// <item><see cref="DenialQuery"/>: only the denial candidates, with the same error-code family and message text the
/// Detector's EventBridge rule matches (infra/event-pattern.json), in the requested days, accounts and regions; and
/// only the columns the diagnosis reads, nested fields flattened into scalar columns that
/// <see cref="AthenaRecordRebuilder"/> turns back into the record shape.</item>
/// </list>
/// </summary>
public static class AthenaSql
{
    /// <summary>The columns the query returns, in order; <see cref="AthenaRecordRebuilder"/> reads them by name.</summary>
    public static readonly IReadOnlyList<(string Name, string Expression)> Columns =
    [
        ("eventversion", "eventversion"),
        ("eventid", "eventid"),
        ("eventtime", "eventtime"),
        ("eventsource", "eventsource"),
        ("eventname", "eventname"),
        ("awsregion", "awsregion"),
        ("sourceipaddress", "sourceipaddress"),
        ("useragent", "useragent"),
        ("errorcode", "errorcode"),
        ("errormessage", "errormessage"),
        ("requestparameters", "requestparameters"),
        ("recipientaccountid", "recipientaccountid"),
        ("eventtype", "eventtype"),
        ("eventcategory", "eventcategory"),
        ("readonly", "readonly"),
        ("vpcendpointid", "vpcendpointid"),
        ("sharedeventid", "sharedeventid"),
        ("useridentity_type", "useridentity.type"),
        ("useridentity_principalid", "useridentity.principalid"),
        ("useridentity_arn", "useridentity.arn"),
        ("useridentity_accountid", "useridentity.accountid"),
        ("useridentity_accesskeyid", "useridentity.accesskeyid"),
        ("useridentity_username", "useridentity.username"),
        ("useridentity_invokedby", "useridentity.invokedby"),
        ("sessionissuer_type", "useridentity.sessioncontext.sessionissuer.type"),
        ("sessionissuer_principalid", "useridentity.sessioncontext.sessionissuer.principalid"),
        ("sessionissuer_arn", "useridentity.sessioncontext.sessionissuer.arn"),
        ("sessionissuer_accountid", "useridentity.sessioncontext.sessionissuer.accountid"),
        ("sessionissuer_username", "useridentity.sessioncontext.sessionissuer.username"),
        // Rows come back as text, where a struct array prints ambiguously ({arn=..., type=...}); a JSON array of
        // [arn, accountId, type] triples is exact, NULL stays NULL.
        ("resources", "json_format(CAST(transform(resources, r -> ARRAY[r.arn, r.accountid, r.type]) AS JSON))"),
    ];

    /// <summary>First day the created table projects when no --since is given (the documented example's start).</summary>
    private const string DefaultProjectionStart = "2020/01/01";

    public static (string Database, string Table) ParseTable(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == text.Length - 1 || !IsName(text[..dot]) || !IsName(text[(dot + 1)..]))
        {
            throw new CliInputException($"--table: '{Rendering.TextEscaping.PlainLine(text, 80)}' is not DATABASE.TABLE (letters, digits and _ only)");
        }

        return (text[..dot].ToLowerInvariant(), text[(dot + 1)..].ToLowerInvariant());
    }

    public static string DenialQuery(
        string database, string table, DateTimeOffset? from, DateTimeOffset? to, IReadOnlyList<string> accounts, IReadOnlyList<string> regions)
    {
        var sql = new StringBuilder();
        sql.Append("SELECT ").AppendJoin(",\n       ", Columns.Select(c => c.Expression == c.Name ? c.Name : $"{c.Expression} AS {c.Name}")).Append('\n');
        sql.Append("FROM \"").Append(database).Append("\".\"").Append(table).Append("\"\n");
        sql.Append("WHERE (errorcode LIKE '%AccessDenied%'\n");
        sql.Append("       OR errorcode LIKE '%UnauthorizedOperation'\n");
        sql.Append("       OR errorcode IN ('AuthorizationError', 'Forbidden', 'ForbiddenException')\n");
        sql.Append("       OR errormessage LIKE '%is not authorized to perform%'\n");
        sql.Append("       OR errormessage LIKE '%not authorized to%'\n");
        sql.Append("       OR (eventsource = 'lambda.amazonaws.com' AND errormessage LIKE '%does not have permissions%'))\n");
        if (from is { } f)
        {
            // The day partition prunes the objects read (the cost); eventtime trims the first day to the instant.
            sql.Append("  AND \"timestamp\" >= '").Append(Day(f)).Append("'\n");
            sql.Append("  AND eventtime >= '").Append(Instant(f)).Append("'\n");
        }

        if (to is { } t)
        {
            sql.Append("  AND \"timestamp\" <= '").Append(Day(t)).Append("'\n");
            sql.Append("  AND eventtime <= '").Append(Instant(t)).Append("'\n");
        }

        if (accounts.Count > 0)
        {
            sql.Append("  AND account IN (").AppendJoin(", ", accounts.Select(a => $"'{CheckAccount(a)}'")).Append(")\n");
        }

        if (regions.Count > 0)
        {
            sql.Append("  AND region IN (").AppendJoin(", ", regions.Select(r => $"'{CheckRegion(r)}'")).Append(")\n");
        }

        return sql.ToString().TrimEnd('\n');
    }

    /// <param name="trailLocation">s3://bucket/AWSLogs/ (or s3://bucket/prefix/AWSLogs/o-orgid/ for an organization trail).</param>
    public static string CreateTable(
        string database, string table, string trailLocation, IReadOnlyList<string> accounts, IReadOnlyList<string> regions, DateTimeOffset? since)
    {
        var location = CheckTrailLocation(trailLocation);
        if (accounts.Count == 0 || regions.Count == 0)
        {
            throw new CliInputException("--athena-create-table needs --accounts and --regions: they are the table's projected partition values");
        }

        var start = since is { } s ? Day(s) : DefaultProjectionStart;
        return $$"""
            CREATE EXTERNAL TABLE IF NOT EXISTS `{{database}}`.`{{table}}` (
                eventversion STRING,
                useridentity STRUCT<
                    type: STRING,
                    principalid: STRING,
                    arn: STRING,
                    accountid: STRING,
                    invokedby: STRING,
                    accesskeyid: STRING,
                    username: STRING,
                    onbehalfof: STRUCT<
                        userid: STRING,
                        identitystorearn: STRING>,
                    sessioncontext: STRUCT<
                        attributes: STRUCT<
                            mfaauthenticated: STRING,
                            creationdate: STRING>,
                        sessionissuer: STRUCT<
                            type: STRING,
                            principalid: STRING,
                            arn: STRING,
                            accountid: STRING,
                            username: STRING>,
                        ec2roledelivery: STRING,
                        webidfederationdata: STRUCT<
                            federatedprovider: STRING,
                            attributes: map<string,string>>
                    >
                >,
                eventtime STRING,
                eventsource STRING,
                eventname STRING,
                awsregion STRING,
                sourceipaddress STRING,
                useragent STRING,
                errorcode STRING,
                errormessage STRING,
                requestparameters STRING,
                responseelements STRING,
                additionaleventdata STRING,
                requestid STRING,
                eventid STRING,
                readonly STRING,
                resources ARRAY<STRUCT<
                    arn: STRING,
                    accountid: STRING,
                    type: STRING>>,
                eventtype STRING,
                apiversion STRING,
                recipientaccountid STRING,
                serviceeventdetails STRING,
                sharedeventid STRING,
                vpcendpointid STRING,
                vpcendpointaccountid STRING,
                eventcategory STRING,
                addendum STRUCT<
                    reason: STRING,
                    updatedfields: STRING,
                    originalrequestid: STRING,
                    originaleventid: STRING>,
                sessioncredentialfromconsole STRING,
                edgedevicedetails STRING,
                tlsdetails STRUCT<
                    tlsversion: STRING,
                    ciphersuite: STRING,
                    clientprovidedhostheader: STRING>
            )
            PARTITIONED BY (
                `account` string,
                `region` string,
                `timestamp` string)
            ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
            STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
            OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
            LOCATION '{{location}}'
            TBLPROPERTIES (
                'projection.enabled'='true',
                'projection.account.type'='enum',
                'projection.account.values'='{{string.Join(",", accounts.Select(CheckAccount))}}',
                'projection.region.type'='enum',
                'projection.region.values'='{{string.Join(",", regions.Select(CheckRegion))}}',
                'projection.timestamp.format'='yyyy/MM/dd',
                'projection.timestamp.interval'='1',
                'projection.timestamp.interval.unit'='DAYS',
                'projection.timestamp.range'='{{start}},NOW',
                'projection.timestamp.type'='date',
                'storage.location.template'='{{location}}${account}/CloudTrail/${region}/${timestamp}')
            """;
    }

    private static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    private static bool IsName(string s) => s.Length is > 0 and <= 255 && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string CheckAccount(string account) =>
        account is { Length: 12 } && account.All(char.IsAsciiDigit)
            ? account
            : throw new CliInputException($"--accounts: '{Rendering.TextEscaping.PlainLine(account, 40)}' is not a 12-digit account ID");

    private static string CheckRegion(string region) =>
        region.Length is > 0 and <= 32 && region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            ? region
            : throw new CliInputException($"--regions: '{Rendering.TextEscaping.PlainLine(region, 40)}' does not look like a region such as us-east-1");

    private static string CheckTrailLocation(string url)
    {
        if (!url.StartsWith("s3://", StringComparison.Ordinal))
        {
            throw new CliInputException($"--trail-bucket: '{Rendering.TextEscaping.PlainLine(url, 120)}' is not an s3:// URL");
        }

        var (bucket, prefix) = LogSources.ParseS3Url(url);
        prefix = prefix.EndsWith('/') || prefix.Length == 0 ? prefix : prefix + "/";
        // S3 bucket names are lowercase letters, digits, dots and hyphens; the key prefix CloudTrail writes is plain too.
        if (!bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-')
            || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.')
            || !prefix.EndsWith("AWSLogs/", StringComparison.Ordinal) && !prefix.Contains("AWSLogs/o-", StringComparison.Ordinal))
        {
            throw new CliInputException(
                $"--trail-bucket: '{Rendering.TextEscaping.PlainLine(url, 120)}' should be the trail's s3://bucket/[prefix/]AWSLogs/ (or AWSLogs/o-ORGID/ for an organization trail)");
        }

        return $"s3://{bucket}/{prefix}";
    }
}
