using Denied.Diagnostics;

namespace Denied.Remediation;

/// <summary>
/// KMS denials fix the side that refused. The default key policy "enables IAM policies" (KMS DG, "Default key
/// policy"): for a same-account key with that statement the role's policy alone decides, and the message says
/// "no identity-based policy allows"; a key policy can also decide alone ("KMS key access and permissions"), and then
/// the message says "no resource-based policy allows". A key in another account needs both: its key policy must
/// allow the role (or its account) and the role's policy must allow the key. Rewriting a key policy replaces the whole
/// document, so a key-policy change is suggested only where it is needed. The same holds behind S3 (SSE-KMS objects),
/// SNS and SQS (encrypted topics and queues) and Lambda's decryption of environment variables.
/// </summary>
internal static class KmsFixes
{
    // SNS DG and SQS DG, key management for server-side encryption: a sender to an SSE-KMS topic or queue needs both.
    private static readonly string[] SenderActions = ["kms:GenerateDataKey*", "kms:Decrypt"];

    public static bool Applies(FixRequest request, ActionName action) =>
        action.Service == "kms" && Arn.TryParse(request.Resource) is { Service: "kms" } arn && arn.Resource.StartsWith("key/", StringComparison.Ordinal);

    public static FixDraft For(FixRequest request, ActionName action)
    {
        var cross = CrossAccount.Of(request);
        var side = (request.Layer, cross) switch
        {
            (_, not null) => FixTarget.Both,
            (DenialLayer.IdentityPolicy, null) => FixTarget.ExecutionRole,
            (DenialLayer.ResourcePolicy, null) => FixTarget.ResourcePolicy,
            _ => FixTarget.Both,
        };
        var actions = Actions(request, action);
        var draft = RoleFixes.New(request, action, side);
        var target = ResourcePolicyTarget.For(request.Resource)!;
        if (side is FixTarget.ExecutionRole or FixTarget.Both)
        {
            draft.RoleStatements.Add(new PolicyStatement { Actions = actions, Resources = [IamLiteral.Resource(request)] });
        }

        if (side is FixTarget.ResourcePolicy or FixTarget.Both)
        {
            AddKeyPolicyStatement(draft, request, target, actions);
        }

        draft.Notes.Insert(0, side switch
        {
            FixTarget.ExecutionRole => "The message says no identity-based policy allows the call: the key policy delegates to IAM (the default key policy's statement for the account), so the execution role's policy decides. Add the execution-role statement; the key policy needs no change, and rewriting it would replace the whole document.",
            FixTarget.ResourcePolicy => "The message says no resource-based policy allows the call: the key policy decides for this key (it does not delegate to IAM for this action, or names principals itself). Add the statement to the key policy; a role statement alone would not be enough.",
            _ when cross is not null => "The key is in another account: it belongs to account " + cross.ResourceAccount + " and the execution role to account " + cross.RoleAccount + ": across accounts both must allow the call. The key policy (account " + cross.ResourceAccount + ", changed by that account's key administrators) must allow the role, and the role's policy (account " + cross.RoleAccount + ") must allow the key; both statements are required.",
            _ => "KMS did not say which side refused. The role may use the key if the key policy allows the role directly, or if the key policy delegates to IAM (a statement allowing the account principal kms:*) and the role's own policy allows it. So: if the key policy already delegates, the execution-role statement alone is enough; if the key policy grants the role directly, the execution-role statement is not needed; otherwise add both.",
        });

        if (request.EncryptedResourceCall is { } call)
        {
            draft.Notes.Add("Companions: " + call + " to a resource encrypted with a customer managed key needs kms:GenerateDataKey* and kms:Decrypt on the key (SNS and SQS server-side encryption), so the statement grants both.");
        }

        if (draft.Resource is not null && CliCommands.Apply(target, request.Region) is { } apply)
        {
            draft.Notes.Add("A key has exactly one key policy and put-key-policy replaces it: the command above saves the current one to key-policy.json; add the key-policy statement to its Statement list, then run: " + apply);
        }

        RoleFixes.AddRoleNotes(draft, request);
        return draft;
    }

    private static void AddKeyPolicyStatement(FixDraft draft, FixRequest request, ResourcePolicyTarget target, IReadOnlyList<string> actions)
    {
        if (request.RoleArn is null)
        {
            draft.Target = draft.RoleStatements.Count > 0 ? FixTarget.ExecutionRole : FixTarget.None;
            draft.Notes.Add("The execution role is not in the record, so the key-policy statement cannot name it: the key policy must allow the function's execution role (aws lambda get-function-configuration --query Role names it).");
            return;
        }

        draft.Resource = target;
        // In a key policy "Resource": "*" means this key: the policy is attached to exactly one key.
        draft.ResourceStatements.Add(new PolicyStatement
        {
            Principal = ("AWS", request.RoleArn),
            Actions = actions,
            Resources = ["*"],
        });
    }

    private static IReadOnlyList<string> Actions(FixRequest request, ActionName action)
    {
        if (request.EncryptedResourceCall is null || !(action.Is("kms:Decrypt") || action.Full.StartsWith("kms:GenerateDataKey", StringComparison.OrdinalIgnoreCase)))
        {
            return [action.Full];
        }

        return action.Is("kms:Decrypt") ? [SenderActions[1], SenderActions[0]] : SenderActions;
    }
}
