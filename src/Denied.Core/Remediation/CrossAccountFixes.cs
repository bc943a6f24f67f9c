using Denied.Diagnostics;

namespace Denied.Remediation;

/// <summary>
/// A denial the record does not attribute to a layer, of a call to a resource in another account that has its own
/// policy. Across accounts the role's policy and the resource's policy must both allow the call, and S3 answers a
/// cross-account caller with a plain "Access Denied" whichever of them is missing (Amazon S3 User Guide, "Troubleshoot access denied (403 Forbidden) errors"), so the fix shows
/// both statements, each with the account that owns its document.
/// </summary>
internal static class CrossAccountFixes
{
    /// <summary>The accounts, when the resource is in another account and its kind has a policy that can grant the role.</summary>
    public static CrossAccount? Applies(FixRequest request) =>
        CrossAccount.Of(request) is { } cross && CrossAccount.HasResourcePolicy(ResourcePolicyTarget.For(request.Resource)) ? cross : null;

    public static FixDraft Both(FixRequest request, ActionName action, CrossAccount cross)
    {
        var draft = RoleFixes.Identity(request, action);
        var side = action.Is("lambda:InvokeFunction")
            ? InvokePermissionFix.For(request, action, layerKnown: false)
            : ResourceSide(request, action);
        draft.Resource = side.Resource;
        draft.ResourceStatements.AddRange(side.ResourceStatements);
        draft.Permission = side.Permission;
        draft.Target = (draft.RoleStatements.Count > 0, side.ResourceStatements.Count > 0 || side.Permission is not null) switch
        {
            (true, true) => FixTarget.Both,
            (false, true) => FixTarget.ResourcePolicy,
            _ => FixTarget.ExecutionRole,
        };

        var document = side.Resource?.Document ?? "resource policy";
        draft.Notes.Insert(0, "Guess: the record does not say which policy denied the call, but it shows the resource belongs to account " + cross.ResourceAccount + " while the execution role is in account " + cross.RoleAccount + ". Across accounts the call is allowed only if both the role's policy and the resource's own policy allow it, so both statements are shown; either may already be in place. If the denial persists with both, check the role's permissions boundary and the SCPs and RCPs of both accounts' organizations.");
        draft.Notes.Insert(1, "Who changes what: the execution-role statement goes in account " + cross.RoleAccount + " (the role's account); the " + document + " statement goes in account " + cross.ResourceAccount + ", which owns the resource, and is added by its administrators with that account's credentials.");
        draft.Notes.AddRange(side.Notes);
        if (draft.RoleStatements.Any(s => s.Actions.Contains("s3:ListBucket")) && side.Resource?.Kind == ResourcePolicyKind.Bucket)
        {
            draft.Notes.Add("The s3:ListBucket companion works across accounts only if the bucket policy also grants it to the role, on the bucket ARN " + side.Resource.ArnText + ".");
        }

        return draft;
    }

    /// <summary>
    /// A plain S3 "Access Denied" recorded since S3 gives same-account and same-organization callers the enhanced
    /// message (2024-08-21), when the record does not name the bucket's owner: the bucket is most likely in another
    /// account, so both the role's policy and the bucket policy must allow the call.
    /// </summary>
    public static bool AppliesToPlainS3(FixRequest request) =>
        request.PlainS3DenialPointsOutside && request.ResourceAccount is null
        && ResourcePolicyTarget.For(request.Resource) is { Kind: ResourcePolicyKind.Bucket } bucket && bucket.Arn.Account.Length == 0;

    public static FixDraft BothOwnerUnknown(FixRequest request, ActionName action)
    {
        var draft = RoleFixes.Identity(request, action);
        var side = ResourceSide(request, action);
        draft.Resource = side.Resource;
        draft.ResourceStatements.AddRange(side.ResourceStatements);
        draft.Target = (draft.RoleStatements.Count > 0, side.ResourceStatements.Count > 0) switch
        {
            (true, true) => FixTarget.Both,
            (false, true) => FixTarget.ResourcePolicy,
            _ => FixTarget.ExecutionRole,
        };
        var account = Arn.TryParse(request.RoleArn)?.Account ?? request.Account ?? "the role's account";
        draft.Notes.Insert(0, "Guess: S3 answered a plain \"Access Denied\". Since August 21, 2024 S3 names the refusing policy type for requests from the bucket owner's own account and organization, so a plain message points at a bucket owned outside them (or at anonymous access). Across accounts the call is allowed only if both the bucket policy, in the bucket owner's account, and the execution role's policy, in account " + account + ", allow it; both statements are shown and either may already be in place.");
        draft.Notes.Insert(1, "Who changes what: the execution-role statement goes in account " + account + "; the bucket-policy statement is added by the bucket owner's administrators (aws s3api get-bucket-policy needs their credentials). The record does not name the owner: the bucket's account is not in its ARN.");
        draft.Notes.AddRange(side.Notes);
        if (draft.RoleStatements.Any(s => s.Actions.Contains("s3:ListBucket")) && side.Resource is { } bucket)
        {
            draft.Notes.Add("The s3:ListBucket companion works across accounts only if the bucket policy also grants it to the role, on the bucket ARN " + bucket.ArnText + ".");
        }

        return draft;
    }

    /// <summary>The message blames the role's policy; the resource's own policy in the other account must allow the call too.</summary>
    public static string IdentityNote(FixRequest request, CrossAccount cross)
    {
        var document = ResourcePolicyTarget.For(request.Resource)?.Document ?? "resource policy";
        return "The resource belongs to account " + cross.ResourceAccount + " and the execution role to account " + cross.RoleAccount + ": across accounts the " + document + " (account " + cross.ResourceAccount + ") must also allow the role. The message blames the role's policy, so add the execution-role statement first; if the call is still denied, the resource's owner must add the role as a principal.";
    }

    private static FixDraft ResourceSide(FixRequest request, ActionName action)
    {
        var side = RoleFixes.New(request, action, FixTarget.ResourcePolicy);
        ResourcePolicyFixes.AddStatement(side, request, action);
        return side;
    }
}
