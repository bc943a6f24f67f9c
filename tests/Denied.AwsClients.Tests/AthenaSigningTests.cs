using System.Net;

namespace Denied.AwsClients.Tests;

/// <summary>The exact bytes AthenaClient signs and sends for each operation, and botocore's signature for them.</summary>
public sealed class AthenaSigningTests
{
    private const string QueryId = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";

    public static TheoryData<string, string, string, string?> Operations => new()
    {
        {
            "StartQueryExecution",
            """{"QueryExecutionId":"a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"}""",
            """{"QueryString":"SELECT eventid FROM \"logs\".\"cloudtrail\" WHERE errorcode LIKE '%AccessDenied%' AND \"timestamp\" >= '2024/01/01'","QueryExecutionContext":{"Database":"logs"},"ResultConfiguration":{"OutputLocation":"s3://acme-athena-results/denied/"},"WorkGroup":"security"}""",
            null
        },
        {
            "GetQueryExecution",
            """{"QueryExecution":{"Status":{"State":"SUCCEEDED"},"Statistics":{"DataScannedInBytes":1048576}}}""",
            """{"QueryExecutionId":"a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"}""",
            TestKeys.SessionToken
        },
        {
            "GetQueryResults",
            """{"ResultSet":{"Rows":[],"ResultSetMetadata":{"ColumnInfo":[]}}}""",
            """{"QueryExecutionId":"a1b2c3d4-5678-90ab-cdef-EXAMPLE11111","MaxResults":1000}""",
            null
        },
        {
            "StopQueryExecution",
            "{}",
            """{"QueryExecutionId":"a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"}""",
            null
        },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task EachOperation_SendsItsJson11BodyAndTarget_SignedLikeBotocore(string operation, string reply, string expectedBody, string? sessionToken)
    {
        var handler = new RecordingHandler().Reply(HttpStatusCode.OK, reply, "application/x-amz-json-1.1");
        using var http = new HttpClient(handler);
        var credentials = sessionToken is null
            ? new StaticAwsCredentialsSource(TestKeys.AccessKey, TestKeys.SecretKey)
            : new StaticAwsCredentialsSource(TestKeys.SessionAccessKey, TestKeys.SecretKey, sessionToken);
        var client = new AthenaClient(new AwsEndpointSettings("us-west-2", null), http, credentials, new FixedClock(TestKeys.SignedAt));

        switch (operation)
        {
            case "StartQueryExecution":
                Assert.Equal(QueryId, await client.StartQueryAsync(
                    new AthenaQuery(
                        """SELECT eventid FROM "logs"."cloudtrail" WHERE errorcode LIKE '%AccessDenied%' AND "timestamp" >= '2024/01/01'""",
                        "logs",
                        "s3://acme-athena-results/denied/",
                        "security"),
                    CancellationToken.None));
                break;
            case "GetQueryExecution":
                Assert.Equal(1048576, (await client.GetQueryAsync(QueryId, CancellationToken.None)).DataScannedInBytes);
                break;
            case "GetQueryResults":
                await foreach (var _ in client.GetResultsAsync(QueryId, CancellationToken.None))
                {
                }

                break;
            default:
                await client.StopQueryAsync(QueryId, CancellationToken.None);
                break;
        }

        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://athena.us-west-2.amazonaws.com/", request.Uri.AbsoluteUri);
        Assert.Equal(expectedBody, request.BodyText);
        Assert.Equal("AmazonAthena." + operation, request.Header("X-Amz-Target"));
        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
        var accessKey = sessionToken is null ? TestKeys.AccessKey : TestKeys.SessionAccessKey;
        Assert.Equal(
            await Botocore.AuthorizationAsync(request, "us-west-2", "athena", accessKey, TestKeys.SecretKey, sessionToken, TestKeys.SignedAt),
            request.Header("Authorization"));
    }
}
