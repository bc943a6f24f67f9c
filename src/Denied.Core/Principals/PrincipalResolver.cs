using Denied.CloudTrail;
using Denied.Diagnostics;

namespace Denied.Principals;

/// <summary>
/// Who made the call, and whether it was a Lambda function's execution role (CloudTrail User Guide, "CloudTrail userIdentity element"). The role
/// ARN comes from sessionContext.sessionIssuer.arn, which keeps the role path that the STS session ARN drops, when
/// that names the session's own role; the session ARN is the principal AWS denied, so an issuer of another role or
/// account gives way to the session's role, path unknown. Evidence, strongest first: the inventory pairs role and session name; Lambda's
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
            "AWSAccount" when CrossAccountRoleSession.IsRoleSession(identity) => CrossAccountRoleSession.Resolve(record, identity),
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
        // The session ARN is the principal the message denies. An issuer naming another role or account (a record
        // rewritten or forged, say `role/app/../../admin`) must not become the role a fix edits: the session's role
        // is used, without the path only the issuer would have given. (The session's role ARN is built only when it
        // is needed: this runs for every denial.)
        var hasIssuer = !string.IsNullOrWhiteSpace(issuerArn);
        var issuerIsTheSessionsRole = hasIssuer && identity.Arn is { } sessionArn && RoleArns.IsRoleOfSession(issuerArn!, sessionArn);
        var sessionRoleArn = issuerIsTheSessionsRole ? null : RoleArns.FromSessionArn(identity.Arn);
        var issuerDisagrees = hasIssuer && !issuerIsTheSessionsRole && sessionRoleArn is not null;
        var roleArn = !hasIssuer || issuerDisagrees ? sessionRoleArn : issuerArn;
        var pathNote = issuerDisagrees
            ? $" The record's sessionIssuer {issuerArn} is not the role of its session {identity.Arn}; the session's role is used, and its path is unknown."
            : !hasIssuer && roleArn is not null
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

        // An inventory that lists no function with this role and session name outweighs the record's hints: an
        // exec-env user agent proves only that the code ran inside Lambda, not whose credentials it used (a role the
        // function assumed, a tenant session), and a name pairing is a convention, not a fact.
        if (inventory is not null)
        {
            var named = session is null ? null : inventory.ByName(session);
            var why = named is not null
                ? $"The inventory lists function {session} with role {named.RoleArn}, not this one"
                : forRole.Count > 0
                    ? $"The role is the execution role of {forRole.Count} function(s) in the inventory, but session {session ?? "(unnamed)"} is none of them"
                    : "The inventory lists no function with this role and session name";
            var hint = userAgentToken is null ? string.Empty : $" The user agent carries {userAgentToken}, which shows only that the code ran inside Lambda, not whose credentials it used (role chaining, tenant sessions).";
            return new PrincipalInfo(PrincipalKind.AssumedRole, identity.Arn, roleArn, null)
            {
                SessionName = session,
                AttributionEvidence = why + ": not a function's execution-role session." + hint + pathNote,
            };
        }

        if (userAgentToken is not null && session is not null)
        {
            return Lambda(session, $"The user agent carries {userAgentToken} and the session is named {session} (a hint that --functions can confirm).");
        }

        // OS-only runtimes (Go, Rust, .NET Native AOT) send no exec-env token; the role's name may still pair with the
        // session's. An inventory that lists the role's functions has already said this session is none of them, and a
        // session another service opened with the role (invokedBy API Gateway, say) is named by that service.
        if (identity.InvokedBy is null or "lambda.amazonaws.com"
            && LambdaRoleNaming.Convention(roleArn, session) is { } convention)
        {
            return Lambda(session, $"The role and session {session} follow {convention}; no exec-env user agent, as on OS-only runtimes such as Go, Rust and .NET Native AOT (a hint that --functions can confirm).");
        }

        return new PrincipalInfo(PrincipalKind.AssumedRole, identity.Arn, roleArn, null)
        {
            SessionName = session,
            AttributionEvidence = "No Lambda evidence: neither the session name nor the user agent points to a function." + pathNote,
        };
    }
}
