namespace Denied.Policies;

/// <summary>
/// The caller as policies see it. <see cref="Arn"/> is the session ARN for role sessions
/// (<c>arn:aws:sts::111122223333:assumed-role/Name/Session</c>), the service name for service principals.
/// <see cref="RoleArn"/> is the role a session belongs to, with its path when known (CloudTrail's
/// <c>sessionIssuer.arn</c>); a resource policy that names that role ARN matches the session.
/// </summary>
public sealed record RequestPrincipal(RequestPrincipalType Type, string Arn, string? AccountId, string? RoleArn = null)
{
    public static RequestPrincipal FromArn(string arn)
    {
        if (arn.EndsWith(".amazonaws.com", StringComparison.Ordinal) && !arn.StartsWith("arn:", StringComparison.Ordinal))
            return new RequestPrincipal(RequestPrincipalType.Service, arn, null);
        var parts = arn.Split(':', 6);
        if (parts.Length != 6) throw new ArgumentException($"not a principal ARN: {arn}", nameof(arn));
        var (service, account, resource) = (parts[2], parts[4], parts[5]);
        if (service == "sts" && resource.StartsWith("assumed-role/", StringComparison.Ordinal))
        {
            var roleName = resource.Split('/')[1];
            return new RequestPrincipal(RequestPrincipalType.AssumedRole, arn, account, $"arn:{parts[1]}:iam::{account}:role/{roleName}");
        }

        if (service == "sts" && resource.StartsWith("federated-user/", StringComparison.Ordinal))
            return new RequestPrincipal(RequestPrincipalType.FederatedUser, arn, account);
        if (service == "iam" && resource == "root") return new RequestPrincipal(RequestPrincipalType.Root, arn, account);
        if (service == "iam" && resource.StartsWith("user/", StringComparison.Ordinal)) return new RequestPrincipal(RequestPrincipalType.User, arn, account);
        if (service == "iam" && resource.StartsWith("role/", StringComparison.Ordinal)) return new RequestPrincipal(RequestPrincipalType.Role, arn, account);
        throw new ArgumentException($"not a principal ARN: {arn}", nameof(arn));
    }

    /// <summary>The IAM user a federated user session was made by (<c>GetFederationToken</c>), or null.</summary>
    public string? FederatingUserArn
    {
        get
        {
            if (Type != RequestPrincipalType.FederatedUser) return null;
            var parts = Arn.Split(':', 6);
            return $"arn:{parts[1]}:iam::{parts[4]}:user/{parts[5]["federated-user/".Length..]}";
        }
    }
}
