using System.Net;

namespace Denied.AwsClients.Tests;

/// <summary>The exact GET LambdaListFunctionsClient signs and sends, and botocore's signature for that URL.</summary>
public sealed class LambdaListFunctionsSigningTests
{
    [Theory]
    [InlineData(null, "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/?MaxItems=50", null)]
    [InlineData(null, "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/?MaxItems=50", TestKeys.SessionToken)]
    [InlineData("YWJj+ZGVm/Z2hp= x", "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/?Marker=YWJj%2BZGVm%2FZ2hp%3D%20x&MaxItems=50", null)]
    public async Task ListFunctionsPage_SignsLikeBotocore(string? firstMarker, string expectedUrl, string? sessionToken)
    {
        var handler = new RecordingHandler();
        if (firstMarker is not null)
        {
            handler.Reply(HttpStatusCode.OK, $$"""{"Functions":[],"NextMarker":"{{firstMarker}}"}""", "application/json");
        }

        handler.Reply(HttpStatusCode.OK, """{"Functions":[]}""", "application/json");
        using var http = new HttpClient(handler);
        var accessKey = sessionToken is null ? TestKeys.AccessKey : TestKeys.SessionAccessKey;
        var client = new LambdaListFunctionsClient(
            new AwsEndpointSettings("eu-west-1", null),
            http,
            new StaticAwsCredentialsSource(accessKey, TestKeys.SecretKey, sessionToken),
            new FixedClock(TestKeys.SignedAt));

        await client.ListFunctionsAsync(CancellationToken.None);

        var request = handler.Requests[^1];
        Assert.Equal("GET", request.Method);
        Assert.Equal(expectedUrl, request.Uri.AbsoluteUri);
        Assert.Empty(request.Body);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", request.Header("X-Amz-Content-SHA256"));
        Assert.Null(request.Header("Content-Type"));
        var botocore = await Botocore.AuthorizationAsync(request, "eu-west-1", "lambda", accessKey, TestKeys.SecretKey, sessionToken, TestKeys.SignedAt);
        Assert.Equal(botocore, request.Header("Authorization"));
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={accessKey}/20240102/eu-west-1/lambda/aws4_request, ", botocore, StringComparison.Ordinal);
    }
}
