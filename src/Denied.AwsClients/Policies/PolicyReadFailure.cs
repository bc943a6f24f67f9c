using Amazon.Runtime;

namespace Denied.AwsClients.Policies;

/// <summary>
/// Sorts a failed read into refused (the credentials lack the permission) or failed (anything else), with the
/// error code and message as the reason. Both hand-written clients (<see cref="AwsServiceException"/>) and the
/// AWS SDK (<see cref="AmazonServiceException"/>) are understood.
/// </summary>
public static class PolicyReadFailure
{
    // The codes services use for "not authorized": IAM/STS AccessDenied, JSON services AccessDeniedException,
    // SNS AuthorizationError, Organizations AccessDeniedException, EC2-style UnauthorizedOperation.
    private static readonly HashSet<string> RefusalCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied", "AccessDeniedException", "AuthorizationError", "AuthorizationErrorException",
        "UnauthorizedOperation", "UnauthorizedException", "Forbidden",
    };

    public static bool IsReadFailure(Exception exception) =>
        exception is AwsServiceException or AmazonServiceException or AmazonClientException or PolicyDocumentException or HttpRequestException;

    public static PolicyRead Describe(string read, string arn, string? name, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var (code, status, message) = exception switch
        {
            AwsServiceException e => (e.ErrorCode, e.StatusCode, e.Message),
            AmazonServiceException e => (e.ErrorCode, (int)e.StatusCode, e.Message),
            _ => (null, 0, exception.Message),
        };
        var refused = (code is not null && RefusalCodes.Contains(code)) || (code is null && status == 403);
        var reason = code is null ? message : $"{code}: {message}";
        return new PolicyRead(read, arn, name, refused ? PolicyReadOutcome.Refused : PolicyReadOutcome.Failed, reason);
    }
}
