using System.Net;

namespace Denied.AwsClients.Tests;

/// <summary>How SnsClient maps failures and which ones it retries, against a scripted HTTP handler.</summary>
public sealed class SnsClientErrorTests
{
    private const string Ok =
        """<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>""";

    private static readonly SnsMessage Message = new(TestKeys.TopicArn, "hello", null, false, new Dictionary<string, string>());

    [Fact]
    public async Task ServiceUnavailableThenOk_IsRetriedOnceAndReturnsTheMessageId()
    {
        var handler = new RecordingHandler()
            .Reply(HttpStatusCode.ServiceUnavailable, ErrorXml("Receiver", "ServiceUnavailable", "try later"))
            .Reply(HttpStatusCode.OK, Ok);
        var delays = new List<TimeSpan>();

        var id = await Client(handler, delays).PublishAsync(Message, CancellationToken.None);

        Assert.Equal("m-1", id);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(handler.Requests[0].BodyText, handler.Requests[1].BodyText);
        Assert.Equal([TimeSpan.FromMilliseconds(50)], delays);
    }

    [Fact]
    public async Task AuthorizationError_IsNotRetried_AndNamesPublishAndTheTopic()
    {
        var handler = new RecordingHandler().Reply(
            HttpStatusCode.Forbidden,
            ErrorXml("Sender", "AuthorizationError", "User: arn:aws:sts::123456789012:assumed-role/notifier/x is not authorized to perform: SNS:Publish"));
        var delays = new List<TimeSpan>();

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => Client(handler, delays).PublishAsync(Message, CancellationToken.None));

        Assert.Single(handler.Requests);
        Assert.Empty(delays);
        Assert.Equal("Publish", ex.Operation);
        Assert.Equal(TestKeys.TopicArn, ex.ResourceArn);
        Assert.Equal(403, ex.StatusCode);
        Assert.Equal("AuthorizationError", ex.ErrorCode);
        Assert.False(ex.IsTransient);
        Assert.Contains("Publish on arn:aws:sns:us-east-1:123456789012:orders failed (HTTP 403 AuthorizationError)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("is not authorized to perform: SNS:Publish", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "Throttling", true)]
    [InlineData(400, "ThrottledException", true)]
    [InlineData(400, "ThrottlingException", true)]
    [InlineData(429, "TooManyRequests", true)]
    [InlineData(500, "InternalError", true)]
    [InlineData(502, null, true)]
    [InlineData(400, "InvalidParameter", false)]
    [InlineData(404, "NotFound", false)]
    [InlineData(400, "KMSThrottling", false)]
    public async Task ErrorClassification_DecidesWhetherToRetry(int status, string? code, bool retried)
    {
        var handler = new RecordingHandler()
            .Reply((HttpStatusCode)status, code is null ? "<html>bad gateway</html>" : ErrorXml("Sender", code, "m"))
            .Reply(HttpStatusCode.OK, Ok);
        var delays = new List<TimeSpan>();

        if (retried)
        {
            Assert.Equal("m-1", await Client(handler, delays).PublishAsync(Message, CancellationToken.None));
            Assert.Equal(2, handler.Requests.Count);
        }
        else
        {
            var ex = await Assert.ThrowsAsync<AwsServiceException>(() => Client(handler, delays).PublishAsync(Message, CancellationToken.None));
            Assert.Equal((status, code, false), (ex.StatusCode, ex.ErrorCode, ex.IsTransient));
            Assert.Single(handler.Requests);
        }
    }

    [Fact]
    public async Task ConnectionReset_IsRetried()
    {
        var handler = new RecordingHandler()
            .Throw(new HttpRequestException("An error occurred while sending the request.", new IOException("Connection reset by peer")))
            .Reply(HttpStatusCode.OK, Ok);

        var id = await Client(handler, []).PublishAsync(Message, CancellationToken.None);

        Assert.Equal("m-1", id);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task PersistentServerErrors_StopAfterThreeRetries_WithGrowingJitteredDelays_AndAreTransient()
    {
        var handler = new RecordingHandler();
        for (var i = 0; i < 5; i++)
        {
            handler.Reply(HttpStatusCode.InternalServerError, ErrorXml("Receiver", "InternalFailure", "oops"));
        }

        var delays = new List<TimeSpan>();

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => Client(handler, delays).PublishAsync(Message, CancellationToken.None));

        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal([50, 100, 200], delays.Select(d => d.TotalMilliseconds));
        Assert.True(ex.IsTransient);
        Assert.Equal(("Publish", TestKeys.TopicArn, 500, "InternalFailure"), (ex.Operation, ex.ResourceArn, ex.StatusCode, ex.ErrorCode));
    }

    [Fact]
    public async Task OkWithoutMessageId_IsAnError()
    {
        var handler = new RecordingHandler().Reply(HttpStatusCode.OK, "<PublishResponse/>");

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => Client(handler, []).PublishAsync(Message, CancellationToken.None));

        Assert.Equal(("Publish", TestKeys.TopicArn, false), (ex.Operation, ex.ResourceArn, ex.IsTransient));
    }

    [Fact]
    public async Task ErrorXmlWithADoctype_IsNotExpanded()
    {
        const string hostile = """<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x "boom">]><ErrorResponse><Error><Code>&x;</Code></Error></ErrorResponse>""";
        var handler = new RecordingHandler().Reply(HttpStatusCode.BadRequest, hostile);

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => Client(handler, []).PublishAsync(Message, CancellationToken.None));

        Assert.Null(ex.ErrorCode);
        Assert.Equal(400, ex.StatusCode);
    }

    internal static string ErrorXml(string type, string code, string message) =>
        $"""<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>{type}</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>req</RequestId></ErrorResponse>""";

    private static SnsClient Client(RecordingHandler handler, List<TimeSpan> delays) =>
        new(
            new AwsEndpointSettings("us-east-1", null),
            new HttpClient(handler),
            new StaticAwsCredentialsSource(TestKeys.AccessKey, TestKeys.SecretKey),
            new FixedClock(TestKeys.SignedAt),
            TestKeys.Retry(delays));
}
