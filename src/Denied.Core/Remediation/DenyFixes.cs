using Denied.Diagnostics;
using static Denied.Remediation.ShellQuote;

namespace Denied.Remediation;

/// <summary>
/// Denials an Allow cannot fix: explicit denies in any layer, and every SCP/RCP denial (AWS words an SCP that
/// merely lacks an Allow as an explicit deny too). The fix says where the deny lives, who can change it and how
/// to find it; it never contains an Allow statement.
/// </summary>
internal static class DenyFixes
{
    public static FixDraft For(FixRequest request, ActionName action)
    {
        var draft = RoleFixes.New(request, action, FixTarget.None);
        var notes = draft.Notes;
        var layer = request.Layer;
        var isScpOrRcp = layer is DenialLayer.ServiceControlPolicy or DenialLayer.ResourceControlPolicy;
        notes.Add(layer == DenialLayer.ServiceControlPolicy && request.ExplicitDeny == false
            ? "No service control policy allows " + action.Full + " for this account: under an allow-list SCP strategy every action must be allowed by an SCP at each level from the root to the account. Nothing in the account can grant past it, so no Allow is suggested here: an organization administrator must allow the action in an SCP, or the function must stop making the call."
            : isScpOrRcp && request.ExplicitDeny != true
            ? "An organization policy (" + Codes.Of(layer) + ") denies " + action.Full + ". Nothing in the account can grant past it, so no Allow is suggested: the organization policy must change, or the function must stop making the call."
            : "An explicit deny (" + Codes.Of(layer) + ") blocks " + action.Full + ". An explicit deny overrides every Allow, so no Allow is suggested: the deny must be narrowed or removed, or the function must stop making the call.");
        if (request.DenyingPolicyArn is { } policyArn)
        {
            notes.Add("Denying policy: " + policyArn);
        }

        var role = draft.RoleName is { } name ? Quote(name) : "ROLE_NAME";
        switch (layer)
        {
            case DenialLayer.ServiceControlPolicy:
                notes.Add("Who can change it: the organization's management account (or a delegated administrator for AWS Organizations). SCPs apply to every principal in the member account, including its administrators.");
                notes.Add("How to find it, from the management account: " + OrgCommands(request, "SERVICE_CONTROL_POLICY") + " The SCPs attached to each parent OU up to the root apply too (aws organizations list-parents --child-id with the account id, then list-policies-for-target for each parent).");
                break;
            case DenialLayer.ResourceControlPolicy:
                notes.Add("Who can change it: the organization's management account (or a delegated administrator). RCPs cap what any principal may do to resources in the member account that owns the resource.");
                notes.Add("How to find it, from the management account: " + OrgCommands(request, "RESOURCE_CONTROL_POLICY") + " RCPs attached to each parent OU up to the root apply too.");
                break;
            case DenialLayer.PermissionsBoundary:
                notes.Add("Who can change it: whoever set the role's permissions boundary, usually a platform or security team; it is often enforced so the role's owners cannot remove it.");
                notes.Add("How to find it: aws iam get-role --role-name " + role + " --query Role.PermissionsBoundary, then read that policy's default version (aws iam get-policy, aws iam get-policy-version) for the Deny statement.");
                break;
            case DenialLayer.SessionPolicy:
                notes.Add("Who can change it: the code or service that called sts:AssumeRole for these credentials and passed the session policy (the Policy or PolicyArns parameters). Lambda passes none for the execution role itself.");
                break;
            case DenialLayer.VpcEndpointPolicy:
                notes.Add("Who can change it: the owner of the VPC endpoint, usually the network team of the VPC the function runs in.");
                notes.Add("How to find it: aws ec2 describe-vpc-endpoints" + Region(request) + " --filters " + Quote("Name=service-name,Values=com.amazonaws." + (request.Region ?? "REGION") + "." + action.Service) + " --query 'VpcEndpoints[].[VpcEndpointId,PolicyDocument]' --output text");
                break;
            case DenialLayer.ResourcePolicy:
                AddResourcePolicyNotes(request, notes);
                break;
            case DenialLayer.IdentityPolicy:
                notes.Add("Who can change it: the account's IAM administrators. The deny is in a policy attached to the execution role (inline or managed), possibly shared with other roles.");
                notes.Add("How to find it: aws iam list-role-policies --role-name " + role + " and aws iam list-attached-role-policies --role-name " + role + ", then look for a Deny statement matching the action and resource" + (request.DenyingPolicyArn is { } arn ? " (start with aws iam get-policy --policy-arn " + Quote(arn) + ")." : "."));
                break;
            default:
                notes.Add("The record does not say which policy holds the deny. Check, in this order: the role's policies (aws iam list-role-policies and list-attached-role-policies --role-name " + role + "), its permissions boundary (aws iam get-role --role-name " + role + " --query Role.PermissionsBoundary), the resource's policy, then the organization's SCPs and RCPs (management account).");
                break;
        }

        return draft;
    }

    private static void AddResourcePolicyNotes(FixRequest request, List<string> notes)
    {
        var target = ResourcePolicyTarget.For(request.Resource);
        notes.Add("Who can change it: the owner of the resource (its account's administrators); the deny is in the resource's own policy, which may also name conditions such as aws:SourceVpce or aws:PrincipalOrgID.");
        if (target is not null && CliCommands.Fetch(target, request.Region) is { } fetch)
        {
            notes.Add("How to find it: " + fetch);
        }
    }

    private static string OrgCommands(FixRequest request, string filter)
    {
        var account = request.Layer == DenialLayer.ResourceControlPolicy
            ? OwnerAccount(request) ?? request.Account
            : Arn.TryParse(request.RoleArn)?.Account ?? request.Account;
        var policyId = Arn.TryParse(request.DenyingPolicyArn)?.LastSegment;
        var list = "aws organizations list-policies-for-target --target-id " + (account is null ? "ACCOUNT_ID" : Quote(account)) + " --filter " + filter + ".";
        return policyId is null
            ? list
            : "aws organizations describe-policy --policy-id " + Quote(policyId) + " shows the policy; " + list;
    }

    // An RCP is evaluated in the account that owns the resource, which the ARN names for most services.
    private static string? OwnerAccount(FixRequest request) =>
        Arn.TryParse(request.Resource)?.Account is { Length: > 0 } account ? account : null;

    private static string Region(FixRequest request) => request.Region is { } region ? " --region " + Quote(region) : string.Empty;
}
