using Denied.Diagnostics;

namespace Denied.Remediation;

/// <summary>Fixes in the execution role: missing Allow, an unattributed denial, a permissions boundary, a session policy.</summary>
internal static class RoleFixes
{
    /// <summary>Stands for the boundary's managed-policy ARN in commands when the message does not name it.</summary>
    public const string BoundaryPlaceholder = "BOUNDARY_POLICY_ARN";

    public static FixDraft Identity(FixRequest request, ActionName action)
    {
        if (KmsFixes.Applies(request, action))
        {
            return KmsFixes.For(request, action);
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

        if (CrossAccountFixes.AppliesToPlainS3(request))
        {
            return CrossAccountFixes.BothOwnerUnknown(request, action);
        }

        var draft = Identity(request, action);
        draft.Notes.Insert(0, request.IsConfigurationTime
            ? "Most likely fix: Lambda's message does not say which policy refused its check of the execution role. The usual cause is that no statement in the role allows the action, so that statement is shown. The same message comes from a Deny in the role's policies, the role's permissions boundary (aws iam get-role --role-name ROLE_NAME --query Role.PermissionsBoundary) and the organization's SCPs; check those if the statement is already there."
            : "Guess: the record does not say which policy denied the call. The most common cause is that no statement in the execution role allows it, so that is the fix shown. If the denial persists, check the role's permissions boundary (aws iam get-role --query Role.PermissionsBoundary), the resource's policy, and the organization's SCPs and RCPs.");
        return draft;
    }

    /// <summary>
    /// "no permissions boundary allows": the role's own policies may already allow the call, so the change that fixes it
    /// is in the boundary, a managed policy (found with get-role), published as a new default version. The role statement
    /// is offered too, only for the case that the role lacks it as well; the snippets keep it, as a role change.
    /// </summary>
    public static FixDraft Boundary(FixRequest request, ActionName action)
    {
        var draft = New(request, action, FixTarget.ExecutionRole);
        var (statements, notes) = ExecutionRoleStatements.For(action, request.Resource, request);
        if (statements.Count == 0)
        {
            draft.Notes.Add("The resource could not be told from the record, so no statement is suggested: \"*\" would grant the action on every resource. Find the resource's ARN and allow " + action.Full + " on that ARN only, in the boundary policy.");
            draft.Notes.AddRange(notes);
            return draft;
        }

        draft.ExtraStatements.AddRange(statements.Select(s => new PolicyStatementFix("permissions-boundary", s)));
        draft.RoleStatements.AddRange(statements);
        draft.BoundaryPolicyArn = request.DenyingPolicyArn is { } arn && Arn.TryParse(arn) is { Service: "iam" } ? arn : BoundaryPlaceholder;
        var role = draft.RoleName is { } name ? ShellQuote.Quote(name) : "ROLE_NAME";
        draft.Notes.Add("The role's permissions boundary does not allow the action. A boundary caps the role: a call is allowed only if both the role's policies and the boundary allow it, and the role's own policies may already allow this one, so the fix is in the boundary: add the \"permissions-boundary\" statement to the boundary policy"
            + (draft.BoundaryPolicyArn == BoundaryPlaceholder ? " (its ARN: aws iam get-role --role-name " + role + " --query Role.PermissionsBoundary.PermissionsBoundaryArn --output text)." : " " + draft.BoundaryPolicyArn + "."));
        draft.Notes.Add("The boundary is a managed policy and its document is replaced whole by a new version: the commands save its default version to boundary-policy.json; add the statement to its Statement list, then run the create-policy-version command, which makes the merged document the default (a managed policy keeps at most five versions: delete an old one with aws iam delete-policy-version if it refuses). Boundaries are usually owned by a platform or security team.");
        draft.Notes.Add("Only if the role lacks it too: the \"execution-role\" statement grants the same to the role itself (aws iam put-role-policy --role-name " + role + " --policy-name " + ShellQuote.Quote(draft.PolicyName) + " --policy-document " + ShellQuote.Quote(PolicyJson.Document(statements, indented: false)) + "); aws iam simulate-principal-policy shows whether the role's own policies already allow it.");
        draft.Notes.AddRange(notes);
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
        FunctionName = request.FunctionName,
        Region = request.Region,
        Account = request.Account,
        PolicyName = PolicyNames.InlinePolicy(action, request.Resource),
    };

    public static void AddRoleNotes(FixDraft draft, FixRequest request)
    {
        if (draft.RoleStatements.Count > 0 && draft.RoleName is null && draft.FunctionName is { } function)
        {
            draft.Notes.Add("The function's execution role is not in the record" + (request.IsConfigurationTime ? " (the caller is whoever deployed the function, not the role Lambda checked)" : string.Empty)
                + ", so the command names it ROLE_NAME: find it with aws lambda get-function-configuration --function-name " + ShellQuote.Quote(function) + " --query Role --output text and use the part after the last '/' as ROLE_NAME.");
        }
        else if (draft.RoleStatements.Count > 0 && draft.RoleName is null)
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
