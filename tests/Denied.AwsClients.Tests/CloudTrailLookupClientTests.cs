using System.Net;

namespace Denied.AwsClients.Tests;

/// <summary>CloudTrailLookupClient's paging, pacing, throttling retries and refused tokens, over scripted replies.</summary>
public sealed class CloudTrailLookupClientTests
{
    private const string Json11 = "application/x-amz-json-1.1";

    [Fact]
    public async Task WalksEveryPage_FollowingNextToken_AndPacesRequestsHalfASecondApart()
    {
        var handler = new RecordingHandler()
            .Reply(HttpStatusCode.OK, Page(["{\"eventID\":\"1\"}", "{\"eventID\":\"2\"}"], "t1"), Json11)
            .Reply(HttpStatusCode.OK, Page(["{\"eventID\":\"3\"}"], "t2"), Json11)
            .Reply(HttpStatusCode.OK, Page([], null), Json11);
        var pauses = new List<TimeSpan>();
        var client = Client(handler, [], pauses);

        var pages = await Collect(client);

        Assert.Equal([1, 2, 3], pages.Select(p => p.Number));
        Assert.Equal(["{\"eventID\":\"1\"}", "{\"eventID\":\"2\"}", "{\"eventID\":\"3\"}"], pages.SelectMany(p => p.CloudTrailEvents));
        Assert.Equal([true, true, false], pages.Select(p => p.HasMore));
        Assert.Contains("\"NextToken\":\"t1\"", handler.Requests[1].BodyText, StringComparison.Ordinal);
        Assert.Contains("\"NextToken\":\"t2\"", handler.Requests[2].BodyText, StringComparison.Ordinal);
        // The fixed clock does not move, so each request after the first waits the whole interval.
        Assert.Equal([CloudTrailLookupClient.MinInterval, CloudTrailLookupClient.MinInterval], pauses);
    }

    [Fact]
    public async Task ARequestLaterThanHalfASecondAfterThePrevious_DoesNotWait()
    {
        var handler = new RecordingHandler()
            .Reply(HttpStatusCode.OK, Page([], "t1"), Json11)
            .Reply(HttpStatusCode.OK, Page([], null), Json11);
        var clock = new FixedClock(TestKeys.SignedAt);
        var pauses = new List<TimeSpan>();
        var client = new CloudTrailLookupClient(new AwsEndpointSettings("us-east-1", null), new HttpClient(handler), new StaticAwsCredentialsSource("a", "b"), clock)
        {
            Pause = (d, _) =>
            {
                pauses.Add(d);
                return Task.CompletedTask;
            },
        };

        await foreach (var _ in client.LookupAsync(new LookupEventsQuery(null, null, null), CancellationToken.None))
        {
            clock.Now += TimeSpan.FromMilliseconds(300);
        }

        // 300 ms passed while the first page was handled: the second request waits only the remaining 200 ms.
        Assert.Equal([TimeSpan.FromMilliseconds(200)], pauses);
    }

    [Fact]
    public async Task ThrottlingException_IsRetriedWithBackoff_ThenThePageIsRead()
    {
        var handler = new RecordingHandler()
            .Reply(HttpStatusCode.BadRequest, """{"__type":"ThrottlingException","message":"Rate exceeded"}""", Json11)
            .Reply(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.cloudtrail.v20131101#ThrottlingException","message":"Rate exceeded"}""", Json11)
            .Reply(HttpStatusCode.OK, Page(["{\"eventID\":\"1\"}"], null), Json11);
        var delays = new List<TimeSpan>();
        var client = Client(handler, delays, []);

        var pages = await Collect(client);

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal([TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100)], delays);
        Assert.Single(Assert.Single(pages).CloudTrailEvents);
    }

    [Fact]
    public async Task InvalidNextTokenException_IsNotRetried_AndNamesTheOperation()
    {
        var handler = new RecordingHandler()
            .Reply(HttpStatusCode.OK, Page(["{\"eventID\":\"1\"}"], "stale"), Json11)
            .Reply(HttpStatusCode.BadRequest, """{"__type":"InvalidNextTokenException","Message":"Invalid NextToken"}""", Json11);
        var delays = new List<TimeSpan>();
        var client = Client(handler, delays, []);
        var read = new List<LookupEventsPage>();

        var error = await Assert.ThrowsAsync<AwsServiceException>(async () =>
        {
            await foreach (var page in client.LookupAsync(new LookupEventsQuery(null, null, null), CancellationToken.None))
            {
                read.Add(page);
            }
        });

        Assert.Single(read);
        Assert.Equal("InvalidNextTokenException", error.ErrorCode);
        Assert.Equal("LookupEvents", error.Operation);
        Assert.False(error.IsTransient);
        Assert.Empty(delays);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task AnEventWithoutItsRecord_IsKeptAsNull()
    {
        var handler = new RecordingHandler().Reply(HttpStatusCode.OK, """{"Events":[{"EventId":"x"},{"CloudTrailEvent":"{}"}]}""", Json11);

        var page = Assert.Single(await Collect(Client(handler, [], [])));

        Assert.Equal([null, "{}"], page.CloudTrailEvents);
    }

    [Fact]
    public async Task ARepeatedNextToken_StopsWithAnError_InsteadOfPagingForever()
    {
        var handler = new RecordingHandler()
            .Reply(HttpStatusCode.OK, Page([], "same"), Json11)
            .Reply(HttpStatusCode.OK, Page([], "same"), Json11);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Collect(Client(handler, [], [])));

        Assert.Contains("NextToken repeated", error.Message, StringComparison.Ordinal);
    }

    private static string Page(string[] records, string? next)
    {
        var events = string.Join(",", records.Select(r => $"{{\"EventId\":\"e\",\"CloudTrailEvent\":{System.Text.Json.Nodes.JsonValue.Create(r).ToJsonString()}}}"));
        return next is null ? $"{{\"Events\":[{events}]}}" : $"{{\"Events\":[{events}],\"NextToken\":\"{next}\"}}";
    }

    private static CloudTrailLookupClient Client(RecordingHandler handler, List<TimeSpan> retryDelays, List<TimeSpan> pauses) =>
        new(new AwsEndpointSettings("us-east-1", null), new HttpClient(handler), new StaticAwsCredentialsSource("a", "b"), new FixedClock(TestKeys.SignedAt), TestKeys.Retry(retryDelays))
        {
            Pause = (d, _) =>
            {
                pauses.Add(d);
                return Task.CompletedTask;
            },
        };

    private static async Task<List<LookupEventsPage>> Collect(CloudTrailLookupClient client)
    {
        var pages = new List<LookupEventsPage>();
        await foreach (var page in client.LookupAsync(new LookupEventsQuery(null, null, null), CancellationToken.None))
        {
            pages.Add(page);
        }

        return pages;
    }
}
