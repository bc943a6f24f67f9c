using Denied.Iam;

namespace Denied.Remediation;

/// <summary>
/// A call from the execution role's account to a resource another account owns. Across accounts a call is allowed
/// only if both the caller's identity-based policy and the resource's policy allow it (IAM User Guide, "Cross-account
/// policy evaluation logic"), so such a fix may need a statement in each account.
/// </summary>
internal sealed record CrossAccount(string RoleAccount, string ResourceAccount)
{
    /// <summary>
    /// Non-null when the role's account and the resource owner differ; the owner comes from the record's resources[]
    /// (<see cref="FixRequest.ResourceAccount"/>), else from the account field of the resource ARN.
    /// </summary>
    public static CrossAccount? Of(FixRequest request)
    {
        var role = Arn.TryParse(request.RoleArn)?.Account;
        var owner = request.ResourceAccount
            ?? (Arn.TryParse(request.Resource)?.Account is { } account && AccountId.IsValid(account) ? account : null);
        return role is { Length: > 0 } && owner is not null && role != owner ? new CrossAccount(role, owner) : null;
    }

    /// <summary>
    /// The resource kinds whose own policy can grant another account's role: bucket, key, queue, topic, function,
    /// secret, and a role's trust policy. An S3 ARN with an account is an access point or the like, not a bucket.
    /// </summary>
    public static bool HasResourcePolicy(ResourcePolicyTarget? target) => target?.Kind switch
    {
        ResourcePolicyKind.Bucket => target.Arn.Account.Length == 0,
        ResourcePolicyKind.Key or ResourcePolicyKind.Queue or ResourcePolicyKind.Topic or ResourcePolicyKind.Function
            or ResourcePolicyKind.Secret or ResourcePolicyKind.TrustPolicy => true,
        _ => false,
    };
}
