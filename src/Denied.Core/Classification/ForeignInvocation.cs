using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Principals;

namespace Denied.Classification;

/// <summary>
/// Recognises a denied lambda:InvokeFunction whose caller is an AWS service or another account: the
/// function's resource-based policy is the layer that must allow it (Lambda DG, "Viewing resource-based
/// IAM policies in Lambda"), and the finding belongs to the invoked function.
/// </summary>
internal static class ForeignInvocation
{
    // Data-event names for invocations; all are authorized by lambda:InvokeFunction (Lambda API reference).
    private static readonly string[] InvokeEventNames = ["Invoke", "InvokeWithResponseStream", "InvokeAsync"];

    /// <summary>
    /// The denied action is lambda:InvokeFunction: named so, or unnamed on an invoke event. An invoke event whose
    /// message names another service's action is not (Lambda's KMSAccessDeniedException names kms:Decrypt, denied to
    /// the invoked function's own role).
    /// </summary>
    public static bool IsInvoke(CloudTrailRecord record, string? action) =>
        string.Equals(action, "lambda:InvokeFunction", StringComparison.OrdinalIgnoreCase)
        || (record.EventSource == "lambda.amazonaws.com"
            && InvokeEventNames.Any(n => LambdaEventNames.Strip(record.EventName) == n)
            && (action is null || action.StartsWith("lambda:", StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// The caller is an AWS service (type AWSService or invokedBy set), or another account: the resource
    /// owner's copy of a cross-account call shows type AWSAccount or a caller account (<see cref="CallerAccount"/>) that
    /// differs from recipientAccountId (AWS News Blog, "AWS CloudTrail now tracks cross-account activity to its origin").
    /// </summary>
    public static bool IsForeignCaller(CloudTrailRecord record, PrincipalInfo? principal)
    {
        if (principal?.Kind == PrincipalKind.AwsService)
        {
            return true;
        }

        var identity = record.UserIdentity;
        if (identity is null)
        {
            return false;
        }

        return identity.Type is "AWSService" or "AWSAccount"
            || !string.IsNullOrEmpty(identity.InvokedBy)
            || (!string.IsNullOrEmpty(record.RecipientAccountId) && CallerAccount.Of(identity) is { Length: > 0 } account
                && record.RecipientAccountId != account);
    }

    public static bool IsForeignInvoke(CloudTrailRecord record, PrincipalInfo? principal, string? action) =>
        IsInvoke(record, action) && IsForeignCaller(record, principal);
}
