using System.Net;
using System.Text.Json;

namespace Denied.LambdaRuntime.Tests;

public sealed class LambdaBootstrapTests
{
    private const string Next = "/2018-06-01/runtime/invocation/next";

    [Fact]
    public async Task HandlerResult_IsPostedToTheRequestIdResponsePath()
    {
        await using var api = new FakeRuntimeApi();
        api.Enqueue(new QueuedEvent("""{"a":1}""", "req-1", LoopRun.FarDeadlineMs));

        var exit = await LoopRun.RunAsync(api, LoopRun.Init((body, _, _) => Task.FromResult(LoopRun.Utf8("{\"echo\":" + System.Text.Encoding.UTF8.GetString(body.Span) + "}"))), 1);

        Assert.Equal(LambdaBootstrap.ExitOk, exit);
        var requests = api.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(("GET", Next), (requests[0].Method, requests[0].Path));
        Assert.Equal(("POST", "/2018-06-01/runtime/invocation/req-1/response"), (requests[1].Method, requests[1].Path));
        Assert.Equal("""{"echo":{"a":1}}""", requests[1].BodyText);
        Assert.Equal("application/json", requests[1].Header("Content-Type"));
        Assert.Null(requests[1].Header("Lambda-Runtime-Function-Error-Type"));
    }

    [Fact]
    public async Task HandlerException_IsPostedAsErrorWithTypeHeaderAndErrorJson_WithoutTheEvent()
    {
        await using var api = new FakeRuntimeApi();
        api.Enqueue(new QueuedEvent("""{"x":"secret-event-marker"}""", "req-err", LoopRun.FarDeadlineMs));

        var exit = await LoopRun.RunAsync(api, LoopRun.Init((_, _, _) => throw new InvalidOperationException("boom")), 1);

        Assert.Equal(LambdaBootstrap.ExitOk, exit);
        var error = api.Requests[1];
        Assert.Equal(("POST", "/2018-06-01/runtime/invocation/req-err/error"), (error.Method, error.Path));
        Assert.Equal("Runtime.InvalidOperationException", error.Header("Lambda-Runtime-Function-Error-Type"));
        Assert.Equal("application/vnd.aws.lambda.error+json", error.Header("Content-Type"));
        using var json = JsonDocument.Parse(error.Body);
        Assert.Equal("boom", json.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("Runtime.InvalidOperationException", json.RootElement.GetProperty("errorType").GetString());
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("stackTrace").ValueKind);
        Assert.Equal(["errorMessage", "errorType", "stackTrace"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("secret-event-marker", error.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedInvocation_DoesNotStopTheLoop()
    {
        await using var api = new FakeRuntimeApi();
        api.Enqueue(new QueuedEvent("""{"a":1}""", "r1", LoopRun.FarDeadlineMs));
        api.Enqueue(new QueuedEvent("""{"x":"boom"}""", "r2", LoopRun.FarDeadlineMs));
        api.Enqueue(new QueuedEvent("\"hi\"", "r3", LoopRun.FarDeadlineMs));

        var exit = await LoopRun.RunAsync(api, LoopRun.Init((body, _, _) =>
            body.Span.IndexOf("boom"u8) >= 0 ? throw new FormatException("bad record") : Task.FromResult("{}"u8.ToArray())), 3);

        Assert.Equal(LambdaBootstrap.ExitOk, exit);
        Assert.Equal(
            [Next, "/2018-06-01/runtime/invocation/r1/response", Next, "/2018-06-01/runtime/invocation/r2/error", Next, "/2018-06-01/runtime/invocation/r3/response"],
            api.Requests.Select(r => r.Path));
        Assert.Equal("Runtime.FormatException", api.Requests[3].Header("Lambda-Runtime-Function-Error-Type"));
    }

    [Fact]
    public async Task InitException_IsPostedToInitErrorAndExitsWithoutAskingForEvents()
    {
        await using var api = new FakeRuntimeApi();
        api.Enqueue(new QueuedEvent("{}", "never", LoopRun.FarDeadlineMs));

        var exit = await LoopRun.RunAsync(api, _ => throw new ArgumentException("TABLE_NAME is not set"), 1);

        Assert.Equal(LambdaBootstrap.ExitInitFailed, exit);
        var init = Assert.Single(api.Requests);
        Assert.Equal(("POST", "/2018-06-01/runtime/init/error"), (init.Method, init.Path));
        Assert.Equal("Runtime.ArgumentException", init.Header("Lambda-Runtime-Function-Error-Type"));
        Assert.Equal("application/vnd.aws.lambda.error+json", init.Header("Content-Type"));
        using var json = JsonDocument.Parse(init.Body);
        Assert.Equal("TABLE_NAME is not set", json.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("Runtime.ArgumentException", json.RootElement.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task Context_CarriesRequestIdDeadlineArnAndTraceIdFromTheNextHeaders()
    {
        await using var api = new FakeRuntimeApi();
        var deadlineMs = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds();
        api.Enqueue(new QueuedEvent("{}", "8476a536-e9f4-11e8-9739-2dfe598c3fcd", deadlineMs, "arn:aws:lambda:eu-west-1:111122223333:function:notifier:live", "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1"));
        InvocationContext? seen = null;

        await LoopRun.RunAsync(api, LoopRun.Init((_, context, _) =>
        {
            seen = context;
            return Task.FromResult("{}"u8.ToArray());
        }), 1);

        Assert.NotNull(seen);
        Assert.Equal("8476a536-e9f4-11e8-9739-2dfe598c3fcd", seen.RequestId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(deadlineMs), seen.Deadline);
        Assert.Equal("arn:aws:lambda:eu-west-1:111122223333:function:notifier:live", seen.InvokedFunctionArn);
        Assert.Equal("Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1", seen.TraceId);
        Assert.Equal("/2018-06-01/runtime/invocation/8476a536-e9f4-11e8-9739-2dfe598c3fcd/response", api.Requests[1].Path);
    }

    [Fact]
    public async Task TraceId_IsCopiedToTheEnvironmentBeforeEachInvocation_AndClearedWhenAbsent()
    {
        await using var api = new FakeRuntimeApi();
        api.Enqueue(new QueuedEvent("{}", "r1", LoopRun.FarDeadlineMs, TraceId: "Root=1-aaaa"));
        api.Enqueue(new QueuedEvent("{}", "r2", LoopRun.FarDeadlineMs, TraceId: null));
        var environment = new List<(string Name, string? Value)>();
        var seenAtCall = new List<int>();

        await LoopRun.RunAsync(api, LoopRun.Init((_, _, _) =>
        {
            seenAtCall.Add(environment.Count);
            return Task.FromResult("{}"u8.ToArray());
        }), 2, environment);

        Assert.Equal([("_X_AMZN_TRACE_ID", "Root=1-aaaa"), ("_X_AMZN_TRACE_ID", null)], environment);
        Assert.Equal([1, 2], seenAtCall);
    }

    [Fact]
    public async Task ResponseAnswered500_ExitsWithoutAskingForMoreEvents()
    {
        await using var api = new FakeRuntimeApi { ResponseStatus = HttpStatusCode.InternalServerError };
        api.Enqueue(new QueuedEvent("{}", "r1", LoopRun.FarDeadlineMs));
        api.Enqueue(new QueuedEvent("{}", "r2", LoopRun.FarDeadlineMs));

        var exit = await LoopRun.RunAsync(api, LoopRun.Init((_, _, _) => Task.FromResult("{}"u8.ToArray())), 2);

        Assert.Equal(LambdaBootstrap.ExitRuntimeApiFailed, exit);
        Assert.Equal([Next, "/2018-06-01/runtime/invocation/r1/response"], api.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task ResponseAnswered413_FailsThatInvocationOnly_AndIsLoggedAsJson()
    {
        await using var api = new FakeRuntimeApi { ResponseStatus = HttpStatusCode.RequestEntityTooLarge };
        api.Enqueue(new QueuedEvent("{}", "r1", LoopRun.FarDeadlineMs));
        api.Enqueue(new QueuedEvent("{}", "r2", LoopRun.FarDeadlineMs));
        using var log = new StringWriter();

        var exit = await LoopRun.RunAsync(api, LoopRun.Init((_, _, _) => Task.FromResult("{}"u8.ToArray())), 2, log: log);

        Assert.Equal(LambdaBootstrap.ExitOk, exit);
        Assert.Equal(4, api.Requests.Count);
        var first = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];
        using var line = JsonDocument.Parse(first);
        Assert.Equal("error", line.RootElement.GetProperty("level").GetString());
        Assert.Equal("denied-test", line.RootElement.GetProperty("function").GetString());
        Assert.Equal("r1", line.RootElement.GetProperty("requestId").GetString());
        Assert.Equal("HTTP 413", line.RootElement.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("-5")]
    public async Task NextWithoutANumericDeadline_IsAProtocolFailure(string? deadlineHeader)
    {
        await using var api = new FakeRuntimeApi();
        api.Enqueue(new QueuedEvent("{}", "r1", 0) { DeadlineHeader = deadlineHeader });
        var called = false;

        var exit = await LoopRun.RunAsync(api, LoopRun.Init((_, _, _) =>
        {
            called = true;
            return Task.FromResult("{}"u8.ToArray());
        }), 1);

        Assert.Equal(LambdaBootstrap.ExitRuntimeApiFailed, exit);
        Assert.False(called);
    }

    [Theory]
    [InlineData("99999999999999999")]
    [InlineData("99999999999999999999")]
    [InlineData("0")]
    [InlineData("4102444800123")]
    public async Task ADeadlineOutOfRange_IsAProtocolFailure_ReportedToThatInvocationsErrorAndLoggedAsJson_ExitingNonZero(string deadlineHeader)
    {
        await using var api = new FakeRuntimeApi();
        api.Enqueue(new QueuedEvent("{}", "r1", 0) { DeadlineHeader = deadlineHeader });
        api.Enqueue(new QueuedEvent("{}", "r2", LoopRun.FarDeadlineMs));
        using var log = new StringWriter();
        var called = false;

        var exit = await LoopRun.RunAsync(api, LoopRun.Init((_, _, _) =>
        {
            called = true;
            return Task.FromResult("{}"u8.ToArray());
        }), 2, log: log);

        Assert.Equal(LambdaBootstrap.ExitRuntimeApiFailed, exit);
        Assert.False(called);
        Assert.Equal([Next, "/2018-06-01/runtime/invocation/r1/error"], api.Requests.Select(r => r.Path));
        Assert.Equal("Runtime.RuntimeProtocolException", api.Requests[1].Header("Lambda-Runtime-Function-Error-Type"));
        using var body = JsonDocument.Parse(api.Requests[1].Body);
        Assert.Contains("Lambda-Runtime-Deadline-Ms", body.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        using var line = JsonDocument.Parse(log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[0]);
        Assert.Equal("error", line.RootElement.GetProperty("level").GetString());
        Assert.Equal("r1", line.RootElement.GetProperty("requestId").GetString());
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("..%2Ferror")]
    [InlineData("a b")]
    public async Task ARequestIdThatIsNotASafePathSegment_IsAProtocolFailure_LoggedAsJson_WithNothingPosted_ExitingNonZero(string requestId)
    {
        await using var api = new FakeRuntimeApi();
        api.Enqueue(new QueuedEvent("{}", requestId, LoopRun.FarDeadlineMs));
        using var log = new StringWriter();
        var called = false;

        var exit = await LoopRun.RunAsync(api, LoopRun.Init((_, _, _) =>
        {
            called = true;
            return Task.FromResult("{}"u8.ToArray());
        }), 1, log: log);

        Assert.Equal(LambdaBootstrap.ExitRuntimeApiFailed, exit);
        Assert.False(called);
        Assert.Equal([Next], api.Requests.Select(r => r.Path));
        using var line = JsonDocument.Parse(log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[0]);
        Assert.Equal("error", line.RootElement.GetProperty("level").GetString());
        Assert.Contains("Lambda-Runtime-Aws-Request-Id", line.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, line.RootElement.GetProperty("requestId").ValueKind);
    }

    [Fact]
    public async Task HandlerToken_FiresAtTheDeadline_AndTheCancellationIsReportedAsAnError()
    {
        await using var api = new FakeRuntimeApi();
        api.Enqueue(new QueuedEvent("{}", "slow", DateTimeOffset.UtcNow.AddMilliseconds(300).ToUnixTimeMilliseconds()));

        var exit = await LoopRun.RunAsync(api, LoopRun.Init(async (_, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return [];
        }), 1);

        Assert.Equal(LambdaBootstrap.ExitOk, exit);
        Assert.Equal("/2018-06-01/runtime/invocation/slow/error", api.Requests[1].Path);
        Assert.Equal("Runtime.TaskCanceledException", api.Requests[1].Header("Lambda-Runtime-Function-Error-Type"));
    }

    [Fact]
    public async Task Cancellation_WhileWaitingForAnEvent_EndsTheLoopWithExitOk()
    {
        await using var api = new FakeRuntimeApi();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var exit = await LoopRun.RunAsync(api, LoopRun.Init((_, _, _) => Task.FromResult("{}"u8.ToArray())), 5, ct: cts.Token);

        Assert.Equal(LambdaBootstrap.ExitOk, exit);
        Assert.Equal([Next], api.Requests.Select(r => r.Path));
    }
}
