using Denied.Diagnostics;

namespace Denied.Remediation;

/// <summary>Fixes in the execution role: missing Allow, an unattributed denial, a permissions boundary, a session policy.</summary>
internal static class RoleFixes
{
    public static FixDraft Identity(FixRequest request, ActionName action)
    {
        if (KmsFixes.Applies(request, action))
        {
            return KmsFixes.Both(request, action);
        }

        var draft = New(request, action, FixTarget.ExecutionRole);
        var (statements, notes) = ExecutionRoleStatements.For(action, request.Resource, request);
        draft.RoleStatements.AddRange(statements);
        if (statements.Count == 0)
        {
            draft.Notes.Add("The resource could not be told from the record, so no statement is suggested: \"*\" would grant the action on every resource. Find the resource's ARN (the diagnosis notes say where to look; otherwise the record's requestParameters) and allow " + action.Full + " on that ARN only.");
        }

        draft.Notes.AddRange(notes);
        if (request.Layer == DenialLayer.IdentityPolicy && !KmsFixes.Applies(request, action) && CrossAccountFixes.Applies(request) is { } cross)
        {
            draft.Notes.Add(CrossAccountFixes.IdentityNote(request, cross));
        }

        AddRoleNotes(draft, request);
        return draft;
    }

    public static FixDraft Guess(FixRequest request, ActionName action)
    {
        if (!KmsFixes.Applies(request, action) && CrossAccountFixes.Applies(request) is { } cross)
        {
            return CrossAccountFixes.Both(request, action, cross);
        }

        var draft = Identity(request, action);
        draft.Notes.Insert(0, "Guess: the record does not say which policy denied the call. The most common cause is that no statement in the execution role allows it, so that is the fix shown. If the denial persists, check the role's permissions boundary (aws iam get-role --query Role.PermissionsBoundary), the resource's policy, and the organization's SCPs and RCPs.");
        return draft;
    }

    public static FixDraft Boundary(FixRequest request, ActionName action)
    {
        var draft = Identity(request, action);
        draft.ExtraStatements.AddRange(draft.RoleStatements.Select(s => new PolicyStatementFix("permissions-boundary", s)));
        var role = draft.RoleName is { } name ? ShellQuote.Quote(name) : "ROLE_NAME";
        var where = request.DenyingPolicyArn is { } arn ? "The boundary is " + arn + "." : "Find it with: aws iam get-role --role-name " + role + " --query Role.PermissionsBoundary.PermissionsBoundaryArn --output text";
        draft.Notes.Insert(0, "The role's permissions boundary does not allow the action. A boundary caps the role: a call is allowed only if both the role's policies and the boundary allow it, so the boundary policy needs the same statement (document \"permissions-boundary\") as well as the role, unless the role already allows it. " + where);
        draft.Notes.Insert(1, "Boundaries are usually owned by a platform or security team, often enforced so the role's owners cannot change it. The boundary is a managed policy: fetch its default version (aws iam get-policy, then aws iam get-policy-version), merge the statement, and publish it with aws iam create-policy-version --set-as-default (a managed policy keeps at most five versions).");
        return draft;
    }

    public static FixDraft Session(FixRequest request, ActionName action)
    {
        var draft = New(request, action, FixTarget.None);
        var (statements, _) = ExecutionRoleStatements.For(action, request.Resource, request);
        draft.Notes.Add("A session policy does not allow the action. Session policies are passed by whoever calls sts:AssumeRole (the Policy or PolicyArns parameters) and cap that session only; Lambda does not pass one for the execution role, so these credentials come from code or a service that assumed the role itself. The fix is in that AssumeRole call, not in the role.");
        if (statements.Count > 0)
        {
            draft.Notes.Add("Add to the session policy passed to AssumeRole: " + PolicyJson.Document(statements, indented: false));
        }

        draft.Notes.Add("The role's own policies must also allow the action: a session gets the intersection of both.");
        return draft;
    }

    public static FixDraft New(FixRequest request, ActionName action, FixTarget target) => new()
    {
        Target = target,
        Action = action,
        RoleArn = request.RoleArn,
        Region = request.Region,
        Account = request.Account,
        PolicyName = PolicyNames.InlinePolicy(action, request.Resource),
    };

    public static void AddRoleNotes(FixDraft draft, FixRequest request)
    {
        if (draft.RoleStatements.Count > 0 && draft.RoleName is null)
        {
            draft.Notes.Add("The execution role is not in the record, so no command is given: attach the statements to the function's execution role (aws lambda get-function-configuration --function-name NAME --query Role).");
        }
        else if (draft.RoleStatements.Count > 0)
        {
            draft.Notes.Add("The inline policy name is derived from the action and resource, so running the command again replaces the same policy instead of adding another.");
        }

        if (request.IsConfigurationTime)
        {
            draft.Notes.Add("Lambda checked the execution role while creating or updating the function or event source mapping, and refused the change. Add the statements, then retry that call; IAM changes can take a few seconds to apply.");
        }
    }
}
