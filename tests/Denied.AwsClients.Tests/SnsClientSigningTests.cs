using System.Net;

namespace Denied.AwsClients.Tests;

/// <summary>The exact bytes SnsClient signs and sends, and botocore's signature for those same bytes.</summary>
public sealed class SnsClientSigningTests
{
    private const string PublishReply =
        """<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>f5dfe7e2-0000-4000-8000-000000000001</MessageId></PublishResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>""";

    [Fact]
    public async Task Publish_SendsTheReferenceBodyAndSignature_IdenticalToBotocore()
    {
        var (request, messageId) = await PublishAsync(
            new Uri("http://127.0.0.1:5055/"),
            new SnsMessage(TestKeys.TopicArn, """{"id":42,"note":"a b&c=d/é"}""", "Hello World", false, new Dictionary<string, string>()),
            sessionToken: null);

        Assert.Equal("f5dfe7e2-0000-4000-8000-000000000001", messageId);
        Assert.Equal("POST", request.Method);
        Assert.Equal("http://127.0.0.1:5055/", request.Uri.AbsoluteUri);
        Assert.Equal(
            "Action=Publish&Message=%7B%22id%22%3A42%2C%22note%22%3A%22a%20b%26c%3Dd%2F%C3%A9%22%7D&Subject=Hello%20World&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3Aorders&Version=2010-03-31",
            request.BodyText);
        Assert.Equal(
            ["Authorization", "Content-Type", "X-Amz-Content-SHA256", "X-Amz-Date"],
            request.Headers.Keys.Where(k => k != "Content-Length").Order(StringComparer.Ordinal));
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal("20240102T030405Z", request.Header("X-Amz-Date"));
        Assert.Equal("cbe5c6858249ccb012abf8da279aef2c894ac2bcc3c45dcbdd0465b3cd8acf24", request.Header("X-Amz-Content-SHA256"));

        // botocore's signature for this exact request (1.29 and 1.43 agree); the last line asks botocore again.
        const string expected =
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240102/us-east-1/sns/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=862d3e8e443f6288403afc02f57d210982e46037ba270372910d9f15c5fa501e";
        Assert.Equal(expected, request.Header("Authorization"));
        Assert.Equal(expected, await Botocore.AuthorizationAsync(request, "us-east-1", "sns", TestKeys.AccessKey, TestKeys.SecretKey, null, TestKeys.SignedAt));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(TestKeys.SessionToken)]
    public async Task PublishJsonStructureWithAttributes_SignsLikeBotocore_OnTheDefaultEndpoint(string? sessionToken)
    {
        var message = new SnsMessage(
            TestKeys.TopicArn,
            """{"default":"Denied: s3:GetObject ✓","sqs":"{\"id\":\"f-1\",\"text\":\"a+b = 100% <@here>\"}"}""",
            "Denied finding",
            true,
            new Dictionary<string, string> { ["severity"] = "high", ["finding-id"] = "abc+/==", ["Account"] = "123456789012" });

        var (request, _) = await PublishAsync(null, message, sessionToken);

        Assert.Equal("https://sns.us-east-1.amazonaws.com/", request.Uri.AbsoluteUri);
        Assert.Equal(
            "Action=Publish"
            + "&Message=%7B%22default%22%3A%22Denied%3A%20s3%3AGetObject%20%E2%9C%93%22%2C%22sqs%22%3A%22%7B%5C%22id%5C%22%3A%5C%22f-1%5C%22%2C%5C%22text%5C%22%3A%5C%22a%2Bb%20%3D%20100%25%20%3C%40here%3E%5C%22%7D%22%7D"
            + "&MessageAttributes.entry.1.Name=Account&MessageAttributes.entry.1.Value.DataType=String&MessageAttributes.entry.1.Value.StringValue=123456789012"
            + "&MessageAttributes.entry.2.Name=finding-id&MessageAttributes.entry.2.Value.DataType=String&MessageAttributes.entry.2.Value.StringValue=abc%2B%2F%3D%3D"
            + "&MessageAttributes.entry.3.Name=severity&MessageAttributes.entry.3.Value.DataType=String&MessageAttributes.entry.3.Value.StringValue=high"
            + "&MessageStructure=json&Subject=Denied%20finding&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3Aorders&Version=2010-03-31",
            request.BodyText);
        Assert.Equal(sessionToken, request.Header("X-Amz-Security-Token"));

        var accessKey = sessionToken is null ? TestKeys.AccessKey : TestKeys.SessionAccessKey;
        var botocore = await Botocore.AuthorizationAsync(request, "us-east-1", "sns", accessKey, TestKeys.SecretKey, sessionToken, TestKeys.SignedAt);
        Assert.Equal(botocore, request.Header("Authorization"));
        Assert.Contains(
            sessionToken is null
                ? "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,"
                : "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token,",
            botocore,
            StringComparison.Ordinal);
    }

    private static async Task<(CapturedRequest Request, string MessageId)> PublishAsync(Uri? endpoint, SnsMessage message, string? sessionToken)
    {
        var handler = new RecordingHandler().Reply(HttpStatusCode.OK, PublishReply);
        using var http = new HttpClient(handler);
        var credentials = sessionToken is null
            ? new StaticAwsCredentialsSource(TestKeys.AccessKey, TestKeys.SecretKey)
            : new StaticAwsCredentialsSource(TestKeys.SessionAccessKey, TestKeys.SecretKey, sessionToken);
        var client = new SnsClient(new AwsEndpointSettings("us-east-1", endpoint), http, credentials, new FixedClock(TestKeys.SignedAt));

        var id = await client.PublishAsync(message, CancellationToken.None);

        return (Assert.Single(handler.Requests), id);
    }
}
