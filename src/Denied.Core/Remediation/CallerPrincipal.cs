using Denied.Iam;

namespace Denied.Remediation;

/// <summary>
/// The narrowest principal a resource policy can name for the denied caller and still be certain to match it.
/// An STS session ARN ("assumed-role/NAME/SESSION") names one session, not the role, so it becomes the role ARN;
/// STS drops the role's path from session ARNs, so the path comes from the record's sessionIssuer when that is the
/// same role, and is otherwise unknown (the note says so). A role ARN with a wrong path does not match the role:
/// IAM-backed resource policies refuse a principal that does not exist ("Invalid principal"), so the mistake is
/// loud, never a broader grant.
/// </summary>
internal static class CallerPrincipal
{
    public static (PrincipalSpec? Principal, string? Note) Resolve(FixRequest request, string partition)
    {
        var caller = request.CallerPrincipal ?? request.RoleArn;
        // A resource owner's copy of a cross-account call names only the caller's account in userIdentity; the
        // message names the caller itself. Use it only when it is in that account.
        if (request.CallerPrincipal is { } account && AccountId.IsValid(account)
            && Arn.TryParse(request.MessagePrincipal) is { } named && named.Account == account
            && (named.Service is "iam" or "sts"))
        {
            caller = request.MessagePrincipal;
        }

        if (Arn.TryParse(caller) is { Service: "sts" } session && session.Resource.StartsWith("assumed-role/", StringComparison.Ordinal))
        {
            var parts = session.Resource.Split('/');
            if (parts.Length < 3 || parts[1].Length == 0)
            {
                return (PrincipalSpec.Parse(session.Account, partition), null);
            }

            var name = parts[1];
            if (Arn.TryParse(request.RoleArn) is { Service: "iam" } role && role.Account == session.Account
                && role.Resource.StartsWith("role/", StringComparison.Ordinal) && role.LastSegment == name)
            {
                return (PrincipalSpec.Parse(request.RoleArn, partition), null);
            }

            var guess = $"arn:{session.Partition}:iam::{session.Account}:role/{name}";
            return (PrincipalSpec.Parse(guess, partition),
                "The principal is the role " + name + " of account " + session.Account + ", named by the error message, not the whole account. The message names the role session, and STS leaves the role's path out of session ARNs: if the role has a path (roles made by the Lambda console are under service-role/), get its full ARN in account " + session.Account + " with aws iam get-role --role-name " + ShellQuote.Quote(name) + " --query Role.Arn --output text and use that instead. A wrong ARN is refused when the policy is saved (invalid principal); it never grants more.");
        }

        return (PrincipalSpec.Parse(caller, partition), null);
    }
}
