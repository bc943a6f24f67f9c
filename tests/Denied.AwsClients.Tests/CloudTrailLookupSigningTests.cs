using System.Net;

namespace Denied.AwsClients.Tests;

/// <summary>The exact bytes CloudTrailLookupClient signs and sends for LookupEvents, and botocore's signature for them.</summary>
public sealed class CloudTrailLookupSigningTests
{
    private const string LastPage = """{"Events":[]}""";

    [Theory]
    [InlineData(null)]
    [InlineData(TestKeys.SessionToken)]
    public async Task LookupEventsPage_SendsTheJson11BodyAndTarget_SignedLikeBotocore(string? sessionToken)
    {
        var handler = new RecordingHandler().Reply(HttpStatusCode.OK, LastPage, "application/x-amz-json-1.1");
        using var http = new HttpClient(handler);
        var client = new CloudTrailLookupClient(new AwsEndpointSettings("eu-west-1", null), http, Credentials(sessionToken), new FixedClock(TestKeys.SignedAt));
        var query = new LookupEventsQuery(
            new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 1, 2, 3, 0, 0, TimeSpan.Zero), new LookupAttribute("Username", "orders-api"));

        await foreach (var _ in client.LookupAsync(query, CancellationToken.None))
        {
        }

        var request = Assert.Single(handler.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("https://cloudtrail.eu-west-1.amazonaws.com/", request.Uri.AbsoluteUri);
        Assert.Equal(
            """{"StartTime":1704067200,"EndTime":1704164400,"LookupAttributes":[{"AttributeKey":"Username","AttributeValue":"orders-api"}],"MaxResults":50}""",
            request.BodyText);
        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
        Assert.Equal("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents", request.Header("X-Amz-Target"));
        Assert.Equal(sessionToken, request.Header("X-Amz-Security-Token"));

        var accessKey = sessionToken is null ? TestKeys.AccessKey : TestKeys.SessionAccessKey;
        var botocore = await Botocore.AuthorizationAsync(request, "eu-west-1", "cloudtrail", accessKey, TestKeys.SecretKey, sessionToken, TestKeys.SignedAt);
        Assert.Equal(botocore, request.Header("Authorization"));
        Assert.Contains("/20240102/eu-west-1/cloudtrail/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;", botocore, StringComparison.Ordinal);
        Assert.Contains("x-amz-target", botocore, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextPageRequest_CarriesTheTokenAndNoAttribute_SignedLikeBotocore()
    {
        var handler = new RecordingHandler()
            .Reply(HttpStatusCode.OK, """{"Events":[],"NextToken":"kbOt5LlZe++mErCebpy2TgaMgmDvF1kYGFcH64JSjIbZFjsuvrSqg66b5YGssKutDYIyII4lrP4="}""", "application/x-amz-json-1.1")
            .Reply(HttpStatusCode.OK, LastPage, "application/x-amz-json-1.1");
        using var http = new HttpClient(handler);
        var client = new CloudTrailLookupClient(
            new AwsEndpointSettings("us-east-1", new Uri("http://127.0.0.1:4566/")), http, Credentials(null), new FixedClock(TestKeys.SignedAt))
        {
            Pause = (_, _) => Task.CompletedTask,
        };

        await foreach (var _ in client.LookupAsync(new LookupEventsQuery(null, null, null), CancellationToken.None))
        {
        }

        var second = handler.Requests[1];
        Assert.Equal("""{"MaxResults":50,"NextToken":"kbOt5LlZe++mErCebpy2TgaMgmDvF1kYGFcH64JSjIbZFjsuvrSqg66b5YGssKutDYIyII4lrP4="}""", second.BodyText);
        Assert.Equal(
            await Botocore.AuthorizationAsync(second, "us-east-1", "cloudtrail", TestKeys.AccessKey, TestKeys.SecretKey, null, TestKeys.SignedAt),
            second.Header("Authorization"));
    }

    private static StaticAwsCredentialsSource Credentials(string? sessionToken) => sessionToken is null
        ? new StaticAwsCredentialsSource(TestKeys.AccessKey, TestKeys.SecretKey)
        : new StaticAwsCredentialsSource(TestKeys.SessionAccessKey, TestKeys.SecretKey, sessionToken);
}
