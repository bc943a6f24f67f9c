namespace Denied.LambdaRuntime;

/// <summary>
/// <c>/runtime/invocation/next</c> answered with a header the runtime cannot use: no request id, one that is not a
/// safe path segment, or a deadline that is missing, not a number, or not a time Lambda could mean. The loop logs
/// it, reports it for the invocation when <see cref="RequestId"/> is usable, and exits non-zero.
/// </summary>
internal sealed class RuntimeProtocolException : RuntimeApiException
{
    public RuntimeProtocolException(string message, string? requestId)
        : base(message)
    {
        RequestId = requestId;
    }

    public RuntimeProtocolException(string message)
        : base(message)
    {
    }

    public RuntimeProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RuntimeProtocolException()
    {
    }

    /// <summary>The invocation's request id when it is a safe path segment (its <c>/error</c> can be posted); else null.</summary>
    public string? RequestId { get; }
}
