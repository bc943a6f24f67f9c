using Denied.Iam;

namespace Denied.Policies;

/// <summary>
/// Matches a request principal against a Principal/NotPrincipal element (IAM JSON policy reference:
/// Principal). An account is written as 12 digits or <c>arn:aws:iam::N:root</c>; a role ARN matches the
/// sessions of that role; principal ARNs compare exactly, except the role name, which IAM keeps unique
/// ignoring case.
/// </summary>
public static class PrincipalMatcher
{
    public static PrincipalMatch Match(PolicyStatement statement, RequestPrincipal principal)
    {
        if (statement.Principal is { } element) return Best(element, principal);
        if (statement.NotPrincipal is { } excluded)
            // NotPrincipal applies to everyone the list does not name at any level (its ARN, role or account).
            return Best(excluded, principal) == PrincipalMatch.NoMatch ? PrincipalMatch.Exact : PrincipalMatch.NoMatch;
        return PrincipalMatch.NotApplicable;
    }

    private static PrincipalMatch Best(PrincipalElement element, RequestPrincipal principal)
    {
        if (element.Everyone) return PrincipalMatch.Everyone;
        var best = PrincipalMatch.NoMatch;
        foreach (var entry in element.Aws)
        {
            var match = MatchAws(entry, principal);
            if (match > best) best = match;
        }

        var name = principal.Arn;
        if (principal.Type == RequestPrincipalType.Service && element.Service.Contains(name, StringComparer.Ordinal)) return PrincipalMatch.Exact;
        if (element.Federated.Contains(name, StringComparer.Ordinal) || element.CanonicalUser.Contains(name, StringComparer.Ordinal)) return PrincipalMatch.Exact;
        return best;
    }

    private static PrincipalMatch MatchAws(string entry, RequestPrincipal principal)
    {
        if (principal.Type == RequestPrincipalType.Service) return PrincipalMatch.NoMatch;
        if (AccountId.IsValid(entry)) return entry == principal.AccountId ? PrincipalMatch.Account : PrincipalMatch.NoMatch;
        var parts = entry.Split(':', 6);
        if (parts.Length != 6) return PrincipalMatch.NoMatch;
        if (parts[2] == "iam" && parts[5] == "root") return parts[4] == principal.AccountId ? PrincipalMatch.Account : PrincipalMatch.NoMatch;
        if (string.Equals(entry, principal.Arn, StringComparison.Ordinal)) return PrincipalMatch.Exact;
        if (principal.Type == RequestPrincipalType.AssumedRole && parts[2] == "iam" && parts[4] == principal.AccountId
            && parts[5].StartsWith("role/", StringComparison.Ordinal) && NamesSessionRole(entry, parts[5], principal))
            return PrincipalMatch.RoleOfSession;
        if (principal.FederatingUserArn is { } user && string.Equals(entry, user, StringComparison.Ordinal)) return PrincipalMatch.RoleOfSession;
        return PrincipalMatch.NoMatch;
    }

    private static bool NamesSessionRole(string entry, string resource, RequestPrincipal principal)
    {
        var sessionRoleName = principal.Arn.Split(':', 6)[5].Split('/')[1];
        var entryRoleName = resource[(resource.LastIndexOf('/') + 1)..];
        if (!string.Equals(entryRoleName, sessionRoleName, StringComparison.OrdinalIgnoreCase)) return false;
        // With the role's path known (CloudTrail's sessionIssuer), the path must agree as well.
        var knownPath = principal.RoleArn is { } roleArn && roleArn.Split(':', 6) is { Length: 6 } roleParts && roleParts[5].Count(c => c == '/') > 1;
        return !knownPath || string.Equals(entry, principal.RoleArn, StringComparison.OrdinalIgnoreCase);
    }
}
