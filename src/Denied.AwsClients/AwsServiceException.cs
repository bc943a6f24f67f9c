namespace Denied.AwsClients;

/// <summary>
/// A failed AWS call, named by operation (<c>Publish</c>, <c>ListFunctions</c>) and the resource it
/// targeted. <see cref="StatusCode"/> is 0 when no HTTP response arrived (connection reset, timeout).
/// <see cref="IsTransient"/> is true for throttling, 5xx and connection failures that outlasted the
/// client's retries: callers hand such records back for a later retry instead of dropping them.
/// </summary>
public sealed class AwsServiceException : Exception
{
    public AwsServiceException(
        string operation, string? resourceArn, int statusCode, string? errorCode, bool isTransient, string detail, Exception? innerException = null)
        : base(Describe(operation, resourceArn, statusCode, errorCode, detail), innerException)
    {
        Operation = operation;
        ResourceArn = resourceArn;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        IsTransient = isTransient;
    }

    public AwsServiceException()
        : this("Unknown", null, 0, null, false, "unknown failure")
    {
    }

    public AwsServiceException(string message)
        : this("Unknown", null, 0, null, false, message)
    {
    }

    public AwsServiceException(string message, Exception innerException)
        : this("Unknown", null, 0, null, false, message, innerException)
    {
    }

    public string Operation { get; }

    public string? ResourceArn { get; }

    public int StatusCode { get; }

    public string? ErrorCode { get; }

    public bool IsTransient { get; }

    private static string Describe(string operation, string? resourceArn, int statusCode, string? errorCode, string detail)
    {
        var target = resourceArn is null ? operation : $"{operation} on {resourceArn}";
        var status = statusCode == 0 ? "no response" : $"HTTP {statusCode}";
        return errorCode is null ? $"{target} failed ({status}): {detail}" : $"{target} failed ({status} {errorCode}): {detail}";
    }
}
