using System.Net;

namespace Denied.AwsClients.Tests;

/// <summary>Pagination and error mapping of LambdaListFunctionsClient over scripted pages.</summary>
public sealed class LambdaListFunctionsClientTests
{
    [Fact]
    public async Task Pages_AreFollowedThroughNextMarker_UntilTheLastPage()
    {
        var handler = new RecordingHandler()
            .Reply(HttpStatusCode.OK, Page(["a", "b"], "m/1+"), "application/json")
            .Reply(HttpStatusCode.OK, Page(["c", "d"], "m2"), "application/json")
            .Reply(HttpStatusCode.OK, Page(["e"], null), "application/json");

        var functions = await Client(handler, pageSize: 2).ListFunctionsAsync(CancellationToken.None);

        Assert.Equal(["a", "b", "c", "d", "e"], functions.Select(f => f.FunctionName));
        Assert.Equal(new LambdaFunctionSummary("c", "arn:aws:lambda:us-east-1:123456789012:function:c", "arn:aws:iam::123456789012:role/c-role"), functions[2]);
        Assert.Equal(
            ["/2015-03-31/functions/?MaxItems=2", "/2015-03-31/functions/?Marker=m%2F1%2B&MaxItems=2", "/2015-03-31/functions/?Marker=m2&MaxItems=2"],
            handler.Requests.Select(r => r.Uri.PathAndQuery));
    }

    [Fact]
    public async Task ARepeatedMarker_StopsInsteadOfPagingForever()
    {
        var handler = new RecordingHandler()
            .Reply(HttpStatusCode.OK, Page(["a"], "same"), "application/json")
            .Reply(HttpStatusCode.OK, Page(["b"], "same"), "application/json");

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => Client(handler).ListFunctionsAsync(CancellationToken.None));

        Assert.Equal("ListFunctions", ex.Operation);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task AccessDenied_IsMappedFromTheErrorTypeHeader_AndNotRetried()
    {
        var handler = new RecordingHandler().Reply(
            HttpStatusCode.Forbidden,
            """{"Message":"User is not authorized to perform: lambda:ListFunctions"}""",
            "application/json",
            ("X-Amzn-ErrorType", "AccessDeniedException:http://internal.amazon.com/coral/com.amazonaws.lambda/"));

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => Client(handler).ListFunctionsAsync(CancellationToken.None));

        Assert.Equal(("ListFunctions", null, 403, "AccessDeniedException", false), (ex.Operation, ex.ResourceArn, ex.StatusCode, ex.ErrorCode, ex.IsTransient));
        Assert.Contains("not authorized to perform: lambda:ListFunctions", ex.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task TooManyRequests_FromTheBodyType_IsRetried()
    {
        var handler = new RecordingHandler()
            .Reply((HttpStatusCode)429, """{"__type":"com.amazonaws.lambda#TooManyRequestsException","message":"Rate exceeded"}""", "application/json")
            .Reply(HttpStatusCode.OK, Page(["a"], null), "application/json");

        var functions = await Client(handler).ListFunctionsAsync(CancellationToken.None);

        Assert.Single(functions);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task AnUnreadableReply_IsANonTransientError()
    {
        var handler = new RecordingHandler().Reply(HttpStatusCode.OK, "<html>captive portal</html>", "text/html");

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => Client(handler).ListFunctionsAsync(CancellationToken.None));

        Assert.False(ex.IsTransient);
        Assert.Equal("ListFunctions", ex.Operation);
    }

    private static string Page(string[] names, string? nextMarker)
    {
        var functions = string.Join(",", names.Select(n =>
            $$"""{"FunctionName":"{{n}}","FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:{{n}}","Role":"arn:aws:iam::123456789012:role/{{n}}-role","Runtime":"provided.al2023"}"""));
        return nextMarker is null ? $$"""{"Functions":[{{functions}}]}""" : $$"""{"Functions":[{{functions}}],"NextMarker":"{{nextMarker}}"}""";
    }

    private static LambdaListFunctionsClient Client(RecordingHandler handler, int pageSize = 50) =>
        new(
            new AwsEndpointSettings("us-east-1", null),
            new HttpClient(handler),
            new StaticAwsCredentialsSource(TestKeys.AccessKey, TestKeys.SecretKey),
            new FixedClock(TestKeys.SignedAt),
            TestKeys.Retry([]),
            pageSize);
}
