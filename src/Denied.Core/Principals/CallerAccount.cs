using Denied.CloudTrail;
using Denied.Iam;

namespace Denied.Principals;

/// <summary>
/// The caller's account. For a caller with an ARN (an STS session, an IAM user or role, root) a record names it twice,
/// in userIdentity.arn and in userIdentity.accountId (CloudTrail User Guide, "CloudTrail userIdentity element"); the
/// ARN is the principal AWS denied, the one the error message names, so its account is the one used, and a rewritten
/// accountId cannot move a fix to another account. userIdentity.accountId speaks only for a caller without such an ARN
/// (AWSAccount, AWSService).
/// </summary>
internal static class CallerAccount
{
    public static string? Of(UserIdentity? identity) =>
        identity?.Arn?.Split(':', 6) is ["arn", _, "iam" or "sts", _, var account, _] && AccountId.IsValid(account)
            ? account
            : identity?.AccountId;
}
