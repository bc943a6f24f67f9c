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
        ArnAccount(identity?.Arn) is { } account && AccountId.IsValid(account) ? account : identity?.AccountId;

    /// <summary>
    /// The account of "arn:PARTITION:iam|sts:REGION:ACCOUNT:RESOURCE", read in place: this runs for every denial, and
    /// splitting the ARN would copy each of its parts.
    /// </summary>
    private static string? ArnAccount(string? arn)
    {
        if (arn is null || !arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = arn.AsSpan(4);
        Span<Range> parts = stackalloc Range[5];
        if (rest.Split(parts, ':') < 5)
        {
            return null;
        }

        var service = rest[parts[1]];
        return service is "iam" or "sts" ? rest[parts[3]].ToString() : null;
    }
}
