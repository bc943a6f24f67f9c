using Denied.Diagnostics;

namespace Denied.Remediation;

/// <summary>Fixes in a resource-based policy: bucket, key, queue, topic, secret, function, VPC endpoint.</summary>
internal static class ResourcePolicyFixes
{
    public static FixDraft Grant(FixRequest request, ActionName action)
    {
        if (action.Is("lambda:InvokeFunction"))
        {
            return InvokePermissionFix.For(request, action);
        }

        if (KmsFixes.Applies(request, action))
        {
            return KmsFixes.Both(request, action);
        }

        var draft = RoleFixes.New(request, action, FixTarget.ResourcePolicy);
        var target = ResourcePolicyTarget.For(request.Resource);
        var partition = Arn.TryParse(request.RoleArn)?.Partition ?? "aws";
        var principal = PrincipalSpec.Parse(request.CallerPrincipal ?? request.RoleArn, partition);
        if (target is null || principal is null)
        {
            draft.Notes.Add(target is null
                ? "The resource's policy must allow the call, but the resource ARN is not in the record, so no statement is suggested."
                : "The resource's policy must allow the call, but the caller (the execution role) is not in the record, so the statement cannot name its principal.");
            return draft;
        }

        draft.Resource = target;
        draft.ResourceStatements.Add(new PolicyStatement
        {
            Principal = (principal.Type, principal.Value),
            Actions = [action.Full],
            // Secret policies are attached to one secret, where "*" means that secret (Secrets Manager guide).
            Resources = [target.Kind == ResourcePolicyKind.Secret ? "*" : IamLiteral.Escape(request.Resource!)],
        });

        draft.Notes.Add("The " + Noun(target.Kind) + " policy does not allow the call. Within one account either the role's policy or the resource policy may allow it; across accounts both must, so if the " + Noun(target.Kind) + " is in another account its owner adds this statement and the role's own policy must allow the action too.");
        AddMergeNote(draft, target, request.Region, Noun(target.Kind));
        return draft;
    }

    public static FixDraft Endpoint(FixRequest request, ActionName action)
    {
        var draft = RoleFixes.New(request, action, FixTarget.ResourcePolicy);
        var resource = request.Resource;
        var arn = Arn.TryParse(resource) ?? new Arn("aws", action.Service, request.Region ?? string.Empty, request.Account ?? string.Empty, string.Empty);
        draft.Notes.Add("A VPC endpoint policy does not allow the call. The policy filters what may pass through the endpoint and grants nothing by itself: the role's policy must allow the action as well. Endpoint policies are usually owned by whoever runs the VPC's network.");
        if (resource is null || request.RoleArn is null)
        {
            draft.Notes.Add("The " + (resource is null ? "resource" : "execution role") + " is not in the record, so no endpoint-policy statement is suggested.");
            return draft;
        }

        var target = ResourcePolicyTarget.Endpoint(arn);
        draft.Resource = target;
        draft.ResourceStatements.Add(new PolicyStatement
        {
            Principal = ("AWS", request.RoleArn),
            Actions = [action.Full],
            Resources = [IamLiteral.Escape(resource)],
        });
        AddMergeNote(draft, target, request.Region, "endpoint");
        return draft;
    }

    private static void AddMergeNote(FixDraft draft, ResourcePolicyTarget target, string? region, string noun)
    {
        if (CliCommands.Apply(target, region) is not { } apply)
        {
            draft.Notes.Add("Add the statement to the resource's policy, keeping its existing statements.");
            return;
        }

        var file = target.Kind == ResourcePolicyKind.Queue
            ? " For SQS, write queue-attributes.json as {\"Policy\": \"<the merged policy as one JSON string>\"}."
            : string.Empty;
        var fetch = target.Kind == ResourcePolicyKind.VpcEndpoint
            ? "The command above lists the endpoints for the service with their policies; set VPC_ENDPOINT_ID to the one the function uses and save its policy as vpc-endpoint-policy.json."
            : "The command above saves the current policy.";
        draft.Notes.Add("A " + noun + " has one policy document and the CLI can only replace it whole, so no command overwrites it. "
            + fetch + " Add the statement to its Statement list (if there is no policy yet, use {\"Version\": \"2012-10-17\", \"Statement\": [the statement]}), then run: " + apply + file);
    }

    private static string Noun(ResourcePolicyKind kind) => kind switch
    {
        ResourcePolicyKind.Bucket => "bucket",
        ResourcePolicyKind.Key => "key",
        ResourcePolicyKind.Queue => "queue",
        ResourcePolicyKind.Topic => "topic",
        ResourcePolicyKind.Secret => "secret",
        ResourcePolicyKind.Function => "function",
        ResourcePolicyKind.VpcEndpoint => "endpoint",
        _ => "resource",
    };
}
