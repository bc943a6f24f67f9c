using Denied.Diagnostics;

namespace Denied.Remediation;

/// <summary>
/// KMS keys are the one resource where the resource policy always decides: IAM policies count only if the key
/// policy delegates to the account (the statement granting the account root kms:*), so a fix may need both.
/// </summary>
internal static class KmsFixes
{
    public static bool Applies(FixRequest request, ActionName action) =>
        action.Service == "kms" && Arn.TryParse(request.Resource) is { Service: "kms" } arn && arn.Resource.StartsWith("key/", StringComparison.Ordinal);

    public static FixDraft Both(FixRequest request, ActionName action)
    {
        var resource = request.Resource!;
        var draft = RoleFixes.New(request, action, FixTarget.Both);
        draft.RoleStatements.Add(new PolicyStatement { Actions = [action.Full], Resources = [IamLiteral.Resource(request)] });
        var target = ResourcePolicyTarget.For(resource)!;
        if (request.RoleArn is null)
        {
            draft.Target = FixTarget.ExecutionRole;
            draft.Notes.Add("The execution role is not in the record, so the key-policy statement cannot name it: the key policy must allow the role too, unless it delegates to IAM.");
        }
        else
        {
            draft.Resource = target;
            // In a key policy "Resource": "*" means this key: the policy is attached to exactly one key.
            draft.ResourceStatements.Add(new PolicyStatement
            {
                Principal = ("AWS", request.RoleArn),
                Actions = [action.Full],
                Resources = ["*"],
            });
        }

        draft.Notes.Add("KMS checks the key policy first. The role may use the key if the key policy allows the role directly, or if the key policy delegates to IAM (a statement allowing the account root principal kms:*) and the role's own policy allows it. So: if the key policy already delegates, the execution-role statement alone is enough; if the key policy grants the role directly, the execution-role statement is not needed; otherwise add both.");
        if (request.Layer == DenialLayer.IdentityPolicy)
        {
            draft.Notes.Add("The message blames the identity-based policy, which suggests the key policy already delegates to IAM: start with the execution-role statement.");
        }

        if (draft.Resource is not null && CliCommands.Apply(target, request.Region) is { } apply)
        {
            draft.Notes.Add("A key has exactly one key policy and put-key-policy replaces it: the command above saves the current one to key-policy.json; add the key-policy statement to its Statement list, then run: " + apply);
        }

        if (CrossAccount.Of(request) is { } cross)
        {
            draft.Notes.Add("The key is in another account: it belongs to account " + cross.ResourceAccount + " and the execution role to account " + cross.RoleAccount + ". The key policy (account " + cross.ResourceAccount + ", changed by its administrators) must allow the role, and the role's policy (account " + cross.RoleAccount + ") must allow the key; both statements are required.");
        }

        RoleFixes.AddRoleNotes(draft, request);
        return draft;
    }
}
