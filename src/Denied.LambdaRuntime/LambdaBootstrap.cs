using System.Net;
using Denied.LambdaRuntime.Observability;

namespace Denied.LambdaRuntime;

/// <summary>
/// The custom-runtime loop for a <c>bootstrap</c> executable on provided.al2023: init once, then
/// <c>next → handler → response | error</c> until cancelled. Tested end to end against a loopback fake
/// Runtime API that records each request (Denied.LambdaRuntime.Tests).
/// </summary>
public static class LambdaBootstrap
{
    /// <summary>Exit code after cancellation (or a bounded loop finishing).</summary>
    public const int ExitOk = 0;

    /// <summary>Exit code when init failed (reported to <c>/runtime/init/error</c>) or AWS_LAMBDA_RUNTIME_API is missing.</summary>
    public const int ExitInitFailed = 1;

    /// <summary>Exit code when the Runtime API answered in a non-recoverable way (a 500, an unreachable API, a header the loop cannot use).</summary>
    public const int ExitRuntimeApiFailed = 2;

    /// <summary>
    /// Reads <c>AWS_LAMBDA_RUNTIME_API</c>, runs <paramref name="init"/> to build the handler (an exception
    /// there is posted to <c>/runtime/init/error</c> and returns <see cref="ExitInitFailed"/>), then serves
    /// invocations until <paramref name="ct"/> is cancelled. Before each handler call <c>_X_AMZN_TRACE_ID</c>
    /// is set from <c>Lambda-Runtime-Trace-Id</c> (unset when absent). Handler exceptions are posted to
    /// <c>/invocation/{id}/error</c> as <c>Runtime.&lt;ExceptionTypeName&gt;</c> and the loop goes on.
    /// </summary>
    public static async Task<int> RunAsync(Func<CancellationToken, Task<InvocationHandler>> init, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(init);
        var api = Environment.GetEnvironmentVariable(RuntimeApiHeaders.RuntimeApiEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(api))
        {
            new JsonLog(Console.Error, FunctionName()).Error(RuntimeApiHeaders.RuntimeApiEnvironmentVariable + " is not set: not running inside Lambda");
            return ExitInitFailed;
        }

        // No timeout: /next blocks until an event arrives (runtime-api.yaml).
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var options = new LambdaBootstrapOptions(LambdaBootstrapOptions.BaseFor(api.Trim()), http) { FunctionName = FunctionName() };
        return await RunAsync(init, options, ct).ConfigureAwait(false);
    }

    internal static async Task<int> RunAsync(
        Func<CancellationToken, Task<InvocationHandler>> init, LambdaBootstrapOptions options, CancellationToken ct)
    {
        var api = new RuntimeApiClient(options.Http, options.RuntimeApiBase, options.Clock);
        var log = new JsonLog(options.Log, options.FunctionName);
        InvocationHandler handler;
        try
        {
            handler = await init(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await ReportInitErrorAsync(api, ex, log, ct).ConfigureAwait(false);
            return ExitInitFailed;
        }

        try
        {
            for (var served = 0; options.MaxInvocations is not { } max || served < max; served++)
            {
                var invocation = await api.NextAsync(ct).ConfigureAwait(false);
                if (!await InvokeAsync(api, handler, invocation, options, log, ct).ConfigureAwait(false))
                {
                    break;
                }
            }

            return ExitOk;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return ExitOk;
        }
        catch (RuntimeProtocolException ex)
        {
            log.Error("Runtime API protocol failure, exiting", (LogKeys.Error, ex.Message), (LogKeys.RequestId, ex.RequestId));
            await ReportProtocolErrorAsync(api, ex, log, ct).ConfigureAwait(false);
            return ExitRuntimeApiFailed;
        }
        catch (Exception ex) when (ex is RuntimeApiException or HttpRequestException)
        {
            log.Error("Runtime API failure, exiting", (LogKeys.Error, ex.Message));
            return ExitRuntimeApiFailed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The process boundary: whatever escaped the loop ends it with a log line and a non-zero exit, never an
            // unhandled exception (which aborts a Native AOT process with SIGABRT and tells Lambda nothing).
            log.Error("runtime loop failure, exiting", (LogKeys.Error, ex.GetType().Name + ": " + ex.Message));
            return ExitRuntimeApiFailed;
        }
    }

    /// <summary>
    /// Posts a protocol failure to the invocation's <c>/error</c> when its request id is usable, so the invocation
    /// fails at once instead of at its timeout; with no usable id there is nowhere to post (init is over, so
    /// <c>/runtime/init/error</c> no longer applies) and the log line is the report.
    /// </summary>
    private static async Task ReportProtocolErrorAsync(RuntimeApiClient api, RuntimeProtocolException error, JsonLog log, CancellationToken ct)
    {
        if (error.RequestId is not { } requestId)
        {
            return;
        }

        try
        {
            var status = await api.PostErrorAsync(requestId, error, ct).ConfigureAwait(false);
            LogRejected(log, "error", requestId, status);
        }
        catch (Exception ex) when (ex is RuntimeApiException or HttpRequestException or OperationCanceledException)
        {
            log.Error("could not report the protocol failure", (LogKeys.RequestId, requestId), (LogKeys.Error, ex.Message));
        }
    }

    /// <summary>Runs one invocation and posts its outcome; false when the loop was stopped mid-invocation.</summary>
    private static async Task<bool> InvokeAsync(
        RuntimeApiClient api, InvocationHandler handler, RuntimeInvocation invocation, LambdaBootstrapOptions options, JsonLog log, CancellationToken ct)
    {
        var context = invocation.Context;
        options.SetEnvironmentVariable(RuntimeApiHeaders.TraceIdEnvironmentVariable, context.TraceId);

        // The handler's token also fires at the deadline, so awaited I/O stops before Lambda kills the process.
        var remaining = context.RemainingTime(options.Clock);
        using var deadline = new CancellationTokenSource(remaining < MaxTimer ? remaining : MaxTimer, options.Clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);

        byte[] result;
        try
        {
            result = await handler(invocation.Body, context, linked.Token).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The handler returned no response body.");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex)
        {
            var status = await api.PostErrorAsync(context.RequestId, ex, ct).ConfigureAwait(false);
            LogRejected(log, "error", context.RequestId, status);
            return true;
        }

        var accepted = await api.PostResponseAsync(context.RequestId, result, ct).ConfigureAwait(false);
        LogRejected(log, "response", context.RequestId, accepted);
        return true;
    }

    private static async Task ReportInitErrorAsync(RuntimeApiClient api, Exception error, JsonLog log, CancellationToken ct)
    {
        try
        {
            await api.PostInitErrorAsync(error, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RuntimeApiException or HttpRequestException or OperationCanceledException)
        {
            log.Error("could not report the init error", (LogKeys.Error, ex.Message));
        }
    }

    private static void LogRejected(JsonLog log, string what, string requestId, HttpStatusCode status)
    {
        // 400/403/413 fail this invocation only (413: the response is over the payload limit); the loop goes on.
        if (status != HttpStatusCode.Accepted)
        {
            log.Error("Runtime API rejected the " + what, (LogKeys.RequestId, requestId), (LogKeys.Reason, "HTTP " + (int)status));
        }
    }

    private static string FunctionName() =>
        Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME") is { Length: > 0 } name ? name : "bootstrap";

    // CancellationTokenSource timers top out near 49 days; a Lambda deadline is at most 15 minutes away.
    private static readonly TimeSpan MaxTimer = TimeSpan.FromDays(1);
}
