using Denied.Classification;
using Denied.CloudTrail;
using Denied.Diagnostics;

namespace Denied.Principals;

/// <summary>
/// The resource owner's copy of a call made from another account: CloudTrail writes userIdentity type "AWSAccount"
/// with the caller's account and principalId (CloudTrail userIdentity reference). A principalId "AROA...:session" is a
/// role session (AROA is the prefix of role unique IDs, IAM UG "Unique identifiers"); the role is named only where the
/// error message names the caller ("User: arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION ..."), without its path.
/// </summary>
internal static class CrossAccountRoleSession
{
    public static bool IsRoleSession(UserIdentity identity) =>
        identity.PrincipalId is { } id && id.StartsWith("AROA", StringComparison.Ordinal) && id.Contains(':', StringComparison.Ordinal);

    public static PrincipalInfo Resolve(CloudTrailRecord record, UserIdentity identity)
    {
        var session = LambdaSessions.SessionName(identity);
        var named = AccessDeniedMessageParser.Parse(record.ErrorMessage)?.Principal;
        var sessionArn = RoleArns.FromSessionArn(named) is not null && SameAccount(named, identity.AccountId) ? named : null;
        var roleArn = RoleArns.FromSessionArn(sessionArn);
        var evidence = "A role session of account " + (identity.AccountId ?? "(unnamed)") + " called from outside this account (principalId AROA...: a role's unique ID). "
            + (roleArn is null
                ? "The record does not name the role."
                : "The error message names the role; STS session ARNs drop its path, so the role ARN has none.");
        return new PrincipalInfo(PrincipalKind.AssumedRole, sessionArn ?? identity.Arn, roleArn, null)
        {
            SessionName = session,
            AttributionEvidence = evidence,
        };
    }

    private static bool SameAccount(string? sessionArn, string? account) =>
        account is null || sessionArn?.Split(':') is { Length: > 4 } parts && parts[4] == account;
}
