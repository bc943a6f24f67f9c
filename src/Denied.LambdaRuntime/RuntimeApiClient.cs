using System.Net;
using System.Net.Http.Headers;

namespace Denied.LambdaRuntime;

/// <summary>
/// The four calls of the Lambda Runtime API (2018-06-01) over one <see cref="HttpClient"/>, which must
/// have no timeout: <c>/next</c> blocks until an event arrives. Tested against a loopback fake Runtime
/// API that records every request (FakeRuntimeApi in Denied.LambdaRuntime.Tests).
/// </summary>
internal sealed class RuntimeApiClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private static readonly MediaTypeHeaderValue ErrorContentType = new(RuntimeApiHeaders.ErrorContentType);

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly TimeProvider _clock;

    /// <param name="http">A client with <see cref="Timeout.InfiniteTimeSpan"/> as its timeout.</param>
    /// <param name="runtimeApiBase"><c>http://{AWS_LAMBDA_RUNTIME_API}/2018-06-01/</c>, with the trailing slash.</param>
    /// <param name="clock">What "now" is when a deadline header is checked.</param>
    public RuntimeApiClient(HttpClient http, Uri runtimeApiBase, TimeProvider clock)
    {
        _http = http;
        _base = runtimeApiBase;
        _clock = clock;
    }

    /// <summary>
    /// Blocks until Lambda hands out the next event. Throws <see cref="RuntimeProtocolException"/> when a header cannot
    /// be used (<see cref="InvocationHeaders"/>), <see cref="RuntimeApiException"/> on any status but 200.
    /// </summary>
    public async Task<RuntimeInvocation> NextAsync(CancellationToken ct)
    {
        using var response = await _http.GetAsync(new Uri(_base, "runtime/invocation/next"), HttpCompletionOption.ResponseContentRead, ct)
            .ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new RuntimeApiException($"/runtime/invocation/next answered HTTP {(int)response.StatusCode}");
        }

        var context = InvocationHeaders.Read(
            Header(response, RuntimeApiHeaders.RequestId),
            Header(response, RuntimeApiHeaders.DeadlineMs),
            Header(response, RuntimeApiHeaders.InvokedFunctionArn),
            Header(response, RuntimeApiHeaders.TraceId),
            _clock.GetUtcNow());
        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        return new RuntimeInvocation(body, context);
    }

    /// <summary>Posts the handler's result. Returns the status; a 500 (non-recoverable, the contract says exit) throws <see cref="RuntimeApiException"/>.</summary>
    public async Task<HttpStatusCode> PostResponseAsync(string requestId, byte[] body, CancellationToken ct)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonContentType;
        return await PostAsync(InvocationPath(requestId, "response"), content, errorType: null, ct).ConfigureAwait(false);
    }

    /// <summary>Reports a handler failure for one invocation.</summary>
    public Task<HttpStatusCode> PostErrorAsync(string requestId, Exception error, CancellationToken ct) =>
        PostErrorBodyAsync(InvocationPath(requestId, "error"), error, ct);

    /// <summary>Reports a failure while building the handler; the runtime exits afterwards.</summary>
    public Task<HttpStatusCode> PostInitErrorAsync(Exception error, CancellationToken ct) =>
        PostErrorBodyAsync("runtime/init/error", error, ct);

    private async Task<HttpStatusCode> PostErrorBodyAsync(string path, Exception error, CancellationToken ct)
    {
        using var content = new ByteArrayContent(RuntimeErrorBody.Write(error));
        content.Headers.ContentType = ErrorContentType;
        return await PostAsync(path, content, RuntimeErrorBody.ErrorType(error), ct).ConfigureAwait(false);
    }

    private async Task<HttpStatusCode> PostAsync(string path, HttpContent content, string? errorType, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, path)) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(RuntimeApiHeaders.FunctionErrorType, errorType);
        }

        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.InternalServerError)
        {
            // runtime-api.yaml: 500 is a non-recoverable state; the runtime should exit promptly.
            throw new RuntimeApiException($"/{path} answered HTTP 500");
        }

        return response.StatusCode;
    }

    // InvocationHeaders only lets through ids of unreserved characters, not "." or "..": the segment is the id as it is.
    private static string InvocationPath(string requestId, string leaf) =>
        InvocationHeaders.IsSafePathSegment(requestId)
            ? $"runtime/invocation/{requestId}/{leaf}"
            : throw new RuntimeProtocolException("refused to post for a request id that is not a safe path segment", requestId: null);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
