using Denied.CloudTrail;
using Denied.Diagnostics;

namespace Denied.Principals;

/// <summary>
/// Who made the call, and whether it was a Lambda function's execution role (CloudTrail User Guide, "CloudTrail userIdentity element"). The role
/// ARN always comes from sessionContext.sessionIssuer.arn, which keeps the role path that the STS
/// session ARN drops. Evidence, strongest first: the inventory pairs role and session name; Lambda's
/// own "awslambda_" session; the SDK user agent's exec-env/AWS_Lambda_ token (a hint); the session name
/// matches an inventory function; the role's name pairs with the session's by a known convention (a hint).
/// </summary>
public static class PrincipalResolver
{
    /// <summary>Never throws for any field content; without an inventory, attribution rests on the record alone.</summary>
    public static PrincipalInfo Resolve(CloudTrailRecord record, FunctionInventory? inventory)
    {
        ArgumentNullException.ThrowIfNull(record);
        var identity = record.UserIdentity;
        if (identity is null)
        {
            return new PrincipalInfo(PrincipalKind.Other, null, null, null) { AttributionEvidence = "The record has no userIdentity." };
        }

        return identity.Type switch
        {
            "AssumedRole" => AssumedRole(record, identity, inventory),
            "IAMUser" => Plain(PrincipalKind.IamUser, identity, "An IAM user called; functions run as roles."),
            "Root" => Plain(PrincipalKind.Root, identity, "The account root user called."),
            "AWSService" => Plain(PrincipalKind.AwsService, identity,
                $"The AWS service {identity.InvokedBy ?? "(unnamed)"} called on its own behalf."),
            _ => Plain(PrincipalKind.Other, identity,
                $"Caller type {identity.Type ?? "(none)"} is not a role session of this account."),
        };
    }

    private static PrincipalInfo Plain(PrincipalKind kind, UserIdentity identity, string evidence) =>
        new(kind, identity.Arn, null, null) { AttributionEvidence = evidence };

    private static PrincipalInfo AssumedRole(CloudTrailRecord record, UserIdentity identity, FunctionInventory? inventory)
    {
        var session = LambdaSessions.SessionName(identity);
        var issuerArn = identity.SessionContext?.SessionIssuer?.Arn;
        var roleArn = string.IsNullOrWhiteSpace(issuerArn) ? RoleArns.FromSessionArn(identity.Arn) : issuerArn;
        var pathNote = string.IsNullOrWhiteSpace(issuerArn) && roleArn is not null
            ? " The record has no sessionIssuer, so the role path is unknown."
            : string.Empty;
        var forRole = inventory is null || roleArn is null ? [] : inventory.FunctionsForRole(roleArn);
        var userAgentToken = LambdaSessions.ExecEnvToken(record.UserAgent);

        PrincipalInfo Lambda(string? functionName, string evidence) =>
            new(PrincipalKind.LambdaExecutionRole, identity.Arn, roleArn, functionName)
            {
                SessionName = session,
                AttributionEvidence = evidence + pathNote,
            };

        if (session is not null && forRole.Any(f => f.Name == session))
        {
            return Lambda(session, $"The inventory lists function {session} with this execution role.");
        }

        if (LambdaSessions.IsLambdaServiceSession(session))
        {
            return forRole.Count switch
            {
                1 => Lambda(forRole[0].Name,
                    $"Session {session} is Lambda's own session for the role, and {forRole[0].Name} is the only function using the role."),
                > 1 => Lambda(null,
                    $"Session {session} is Lambda's own session for the role, which {forRole.Count} functions share: the function is not known."),
                _ => Lambda(null,
                    $"Session {session} is Lambda's own session for the role; no inventory names the function using it."),
            };
        }

        if (userAgentToken is not null && session is not null)
        {
            var confirmation = inventory is null
                ? "a hint that --functions can confirm"
                : "not confirmed by the inventory, which lists no such function for this role";
            return Lambda(session, $"The user agent carries {userAgentToken} and the session is named {session} ({confirmation}).");
        }

        if (session is not null && inventory?.ByName(session) is { } named)
        {
            return Lambda(session,
                $"The session is named after function {session} in the inventory, whose listed role is {named.RoleArn}.");
        }

        // OS-only runtimes (Go, Rust, .NET Native AOT) send no exec-env token; the role's name may still pair with the
        // session's. An inventory that lists the role's functions has already said this session is none of them, and a
        // session another service opened with the role (invokedBy API Gateway, say) is named by that service.
        if (forRole.Count == 0 && identity.InvokedBy is null or "lambda.amazonaws.com"
            && LambdaRoleNaming.Convention(roleArn, session) is { } convention)
        {
            var confirmation = inventory is null
                ? "a hint that --functions can confirm"
                : "not confirmed by the inventory, which lists no function for this role";
            return Lambda(session, $"The role and session {session} follow {convention}; no exec-env user agent, as on OS-only runtimes such as Go, Rust and .NET Native AOT ({confirmation}).");
        }

        var evidence = forRole.Count > 0
            ? $"The role is the execution role of {forRole.Count} function(s), but session {session ?? "(unnamed)"} is none of them and no Lambda user agent was sent: likely a person or a tool using the role."
            : "No Lambda evidence: neither the inventory, the session name nor the user agent points to a function.";
        return new PrincipalInfo(PrincipalKind.AssumedRole, identity.Arn, roleArn, null)
        {
            SessionName = session,
            AttributionEvidence = evidence + pathNote,
        };
    }
}
