using Denied.CloudTrail;
using Denied.Iam;

namespace Denied.Diagnostics;

/// <summary>
/// The account that owns the denied resource, as the record's resources[] states it. S3 bucket and object ARNs
/// carry no account, so for S3 this is the only place a record shows that a bucket belongs to another account
/// (CloudTrail lists the bucket with its owner's accountId next to the object).
/// </summary>
internal static class ResourceOwner
{
    /// <summary>
    /// The accountId of the resources[] entry whose ARN is <paramref name="resource"/> or contains it (the bucket of an
    /// object ARN); null when no entry names an account. A 12-digit id only: anything else is not an account.
    /// </summary>
    public static string? Of(CloudTrailRecord record, string? resource)
    {
        if (string.IsNullOrEmpty(resource) || record.Resources is not { } listed)
        {
            return null;
        }

        foreach (var entry in listed)
        {
            if (entry?.Arn is { Length: > 0 } arn
                && entry.AccountId is { } account && AccountId.IsValid(account)
                && (resource == arn || resource.StartsWith(arn + "/", StringComparison.Ordinal)))
            {
                return account;
            }
        }

        return null;
    }
}
