using System.Globalization;

namespace Denied.LambdaRuntime;

/// <summary>
/// Reads the <c>Lambda-Runtime-*</c> headers of <c>/runtime/invocation/next</c> into an <see cref="InvocationContext"/>,
/// trusting none of them: the request id goes into the <c>/response</c> and <c>/error</c> paths, the deadline into
/// every timer and "time left" decision, the trace id into the environment. A header that cannot be used throws
/// <see cref="RuntimeProtocolException"/> (Using the Lambda runtime API for custom runtimes,
/// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html: the request id looks like
/// <c>8476a536-e9f4-11e8-9739-2dfe598c3fcd</c>, the deadline is Unix time in milliseconds).
/// </summary>
internal static class InvocationHeaders
{
    /// <summary>Longest request id accepted; Lambda's are 36-character UUIDs.</summary>
    public const int MaxRequestIdLength = 128;

    /// <summary>
    /// How far from now a deadline may be. Lambda's longest function timeout is 900 seconds (15 minutes; Configure
    /// Lambda function timeout, https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html), so a value
    /// an hour away in either direction is not a deadline Lambda sent for this invocation.
    /// </summary>
    public static readonly TimeSpan MaxDeadlineDistance = TimeSpan.FromHours(1);

    /// <summary>Longest trace header copied to <c>_X_AMZN_TRACE_ID</c>; X-Ray's are about 100 characters.</summary>
    public const int MaxTraceIdLength = 2048;

    public static InvocationContext Read(string? requestId, string? deadlineMs, string? functionArn, string? traceId, DateTimeOffset now)
    {
        if (requestId is null)
        {
            throw new RuntimeProtocolException($"/runtime/invocation/next answered without {RuntimeApiHeaders.RequestId}", requestId: null);
        }

        if (!IsSafePathSegment(requestId))
        {
            throw new RuntimeProtocolException(
                $"/runtime/invocation/next answered a {RuntimeApiHeaders.RequestId} that is not a safe path segment ({Describe(requestId)})", requestId: null);
        }

        if (!long.TryParse(deadlineMs, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            throw new RuntimeProtocolException($"/runtime/invocation/next answered without a numeric {RuntimeApiHeaders.DeadlineMs}", requestId);
        }

        // FromUnixTimeMilliseconds throws past year 9999 (an unhandled exception aborts an AOT process): range first.
        var deadline = ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.MaxValue;
        if ((deadline - now).Duration() > MaxDeadlineDistance)
        {
            throw new RuntimeProtocolException(
                $"/runtime/invocation/next answered a {RuntimeApiHeaders.DeadlineMs} of {ms}, more than {MaxDeadlineDistance.TotalMinutes:0} minutes from now", requestId);
        }

        return new InvocationContext(requestId, deadline, Printable(functionArn, MaxTraceIdLength), Printable(traceId, MaxTraceIdLength));
    }

    /// <summary>
    /// A request id is used as one path segment: 1 to <see cref="MaxRequestIdLength"/> characters of the URI's
    /// unreserved set (RFC 3986 section 2.3: letters, digits, '-', '.', '_', '~'), and not "." or "..", which a URL
    /// resolver would read as a step up the path. Such a segment needs no escaping, so the path is the id itself.
    /// </summary>
    public static bool IsSafePathSegment(string value)
    {
        if (value.Length is 0 or > MaxRequestIdLength || value is "." or "..")
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A header value kept only when it is printable ASCII of at most <paramref name="max"/> characters (else null: absent).</summary>
    private static string? Printable(string? value, int max) =>
        value is { Length: > 0 } v && v.Length <= max && v.All(c => c is >= ' ' and <= '~') ? v : null;

    /// <summary>What was wrong with a request id, without echoing it (it may hold control characters).</summary>
    private static string Describe(string value) =>
        value.Length == 0 ? "empty"
        : value.Length > MaxRequestIdLength ? $"{value.Length} characters"
        : value is "." or ".." ? "a dot segment"
        : "a character outside letters, digits and -._~";
}
