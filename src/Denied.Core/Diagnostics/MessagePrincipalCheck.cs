using Denied.Classification;
using Denied.CloudTrail;
using Denied.Principals;
using Denied.Remediation;

namespace Denied.Diagnostics;

/// <summary>
/// Whether the caller the error message names is the record's caller. AWS writes both from the same request: for a
/// role session the message's "User:" is the STS session ARN, the same text as userIdentity.arn (CloudTrail User
/// Guide, "CloudTrail userIdentity element"); a resource owner's copy of a cross-account call names only the caller's
/// account (and "ROLEID:SESSION" as principalId) in userIdentity, and the message the caller itself. A message naming
/// anyone else belongs to an altered or forged record: a fix would have to name one of the two, and neither is known
/// to be the one denied, so it is withheld. One legitimate difference is exempt: when Lambda cannot decrypt an invoked
/// function's environment, the message names that function's role, not the invoker.
/// </summary>
internal static class MessagePrincipalCheck
{
    /// <summary>The reason the fix is withheld, naming both callers, or null when they agree or cannot be compared.</summary>
    public static string? Disagreement(CloudTrailRecord record, ParsedDenialMessage? message)
    {
        if (message is not { Principal: { Length: > 0 } named } || message.LambdaEnvironmentDecryption || record.UserIdentity is not { } identity)
        {
            return null;
        }

        var recorded = Recorded(identity, named.Trim());
        return recorded is null ? null
            : $"The error message names the caller {named.Trim()}, but the record's userIdentity is {recorded}: AWS writes both from the same request, so the record was altered. No fix is suggested, since it would name one of them and neither is known to be the one denied; look the event up in CloudTrail (aws cloudtrail lookup-events) before granting anything.";
    }

    /// <summary>The record's caller as text when it is not the message's caller; null when they agree or the record names no caller to compare.</summary>
    private static string? Recorded(UserIdentity identity, string named)
    {
        if (!string.IsNullOrWhiteSpace(identity.Arn))
        {
            var arn = identity.Arn.Trim();
            return SameCaller(arn, named) ? null : arn;
        }

        // A resource owner's copy: only the account (and ROLEID:SESSION) of the caller is recorded.
        if (identity.Type == "AWSAccount" && !string.IsNullOrWhiteSpace(identity.AccountId))
        {
            var account = identity.AccountId.Trim();
            var session = identity.PrincipalId?.Split(':', 2) is [_, { Length: > 0 } s] ? s : null;
            var sameAccount = Arn.TryParse(named) is { } parsed && parsed.Account == account;
            var sameSession = session is null || SessionName(named) is not { } namedSession || namedSession == session;
            return sameAccount && sameSession ? null : $"account {account}" + (session is null ? "" : $" (session {session})");
        }

        return null;
    }

    /// <summary>
    /// Exact text, or the same role where one side is the role ARN and the other a session of it (IAM names roles
    /// by account and name whatever their path, RoleArns). Two session ARNs must match whole: the session name is
    /// part of the caller.
    /// </summary>
    private static bool SameCaller(string recorded, string named)
    {
        if (string.Equals(recorded, named, StringComparison.Ordinal))
        {
            return true;
        }

        var recordedIsRole = Arn.TryParse(recorded) is { Service: "iam" } r && r.Resource.StartsWith("role/", StringComparison.Ordinal);
        var namedIsRole = Arn.TryParse(named) is { Service: "iam" } n && n.Resource.StartsWith("role/", StringComparison.Ordinal);
        return (recordedIsRole ^ namedIsRole) && RoleArns.Key(recorded) == RoleArns.Key(named) && RoleArns.Key(named) != named.Trim();
    }

    private static string? SessionName(string arn) =>
        Arn.TryParse(arn) is { Service: "sts" } parsed && parsed.Resource.Split('/') is ["assumed-role", _, { Length: > 0 } session, ..] ? session : null;
}
