namespace Denied.LambdaRuntime;

/// <summary>
/// The Runtime API answered in a way the runtime cannot recover from (a 500 from <c>/response</c>,
/// a <c>/next</c> without a request id or deadline): the loop ends and the process exits non-zero,
/// which is what the Runtime API contract asks for.
/// </summary>
internal class RuntimeApiException : Exception
{
    public RuntimeApiException(string message)
        : base(message)
    {
    }

    public RuntimeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RuntimeApiException()
    {
    }
}
