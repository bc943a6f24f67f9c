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
        if (AddStatement(draft, request, action) is not { } target)
        {
            return draft;
        }

        var noun = Noun(target.Kind);
        draft.Notes.Insert(0, target.Kind == ResourcePolicyKind.TrustPolicy
            ? "The trust policy of role " + target.RoleName + " does not allow the caller to assume it."
            : CrossAccount.Of(request) is { } cross
            ? "The " + noun + " policy does not allow the call. The " + noun + " belongs to account " + cross.ResourceAccount + " and the execution role to account " + cross.RoleAccount + ": across accounts both must allow it, so the " + noun + "'s owner (account " + cross.ResourceAccount + ") adds this statement, and the role's own policy (account " + cross.RoleAccount + ") must allow " + action.Full + " on it too."
            : "The " + noun + " policy does not allow the call. Within one account either the role's policy or the resource policy may allow it; across accounts both must, so if the " + noun + " is in another account its owner adds this statement and the role's own policy must allow the action too.");
        return draft;
    }

    /// <summary>
    /// Adds the resource-policy statement naming the caller, with its commands' merge note, and returns its target;
    /// null (with a note saying why) when the resource or the caller is not in the record. Says nothing about the layer.
    /// </summary>
    public static ResourcePolicyTarget? AddStatement(FixDraft draft, FixRequest request, ActionName action)
    {
        var target = ResourcePolicyTarget.For(request.Resource, IamLiteral.WildcardSuffix(request));
        var partition = Arn.TryParse(request.RoleArn)?.Partition ?? "aws";
        var (principal, principalNote) = CallerPrincipal.Resolve(request, partition);
        if (target is null || principal is null)
        {
            draft.Notes.Add(target is null
                ? "The resource's policy must allow the call, but the resource ARN is not in the record, so no statement is suggested."
                : "The resource's policy must allow the call, but the caller (the execution role) is not in the record, so the statement cannot name its principal.");
            return null;
        }

        draft.Resource = target;
        draft.ResourceStatements.Add(new PolicyStatement
        {
            Principal = (principal.Type, principal.Value),
            Actions = [action.Full],
            Resources = target.Kind switch
            {
                // Secret policies are attached to one secret, where "*" means that secret (Secrets Manager guide).
                ResourcePolicyKind.Secret => ["*"],
                // A trust policy must not have a Resource element: IAM refuses it with MalformedPolicyDocument
                // "Has prohibited field Resource"; the role the policy is attached to is the resource.
                ResourcePolicyKind.TrustPolicy => [],
                _ => [IamLiteral.Resource(request)],
            },
        });
        if (principalNote is not null)
        {
            draft.Notes.Add(principalNote);
        }

        if (target.Kind == ResourcePolicyKind.TrustPolicy)
        {
            draft.Notes.Add("The statement goes in the trust policy of role " + target.RoleName + " (account " + target.Arn.Account + "), which names who may assume the role; it has no Resource element. The caller also needs " + action.Full + " on " + target.ArnText + " in its own identity-based policy when the role is in another account.");
        }

        AddMergeNote(draft, target, request.Region, Noun(target.Kind));
        return target;
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
            Resources = [IamLiteral.Resource(request)],
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
        var fetch = target.Kind switch
        {
            ResourcePolicyKind.VpcEndpoint => "The command above lists the endpoints for the service with their policies; set VPC_ENDPOINT_ID to the one the function uses and save its policy as vpc-endpoint-policy.json.",
            ResourcePolicyKind.TrustPolicy => "The command above saves the current trust policy (a role always has one).",
            _ => "The command above saves the current policy.",
        };
        draft.Notes.Add("A " + (target.Kind == ResourcePolicyKind.TrustPolicy ? "role" : noun) + " has one " + (target.Kind == ResourcePolicyKind.TrustPolicy ? "trust" : "policy") + " document and the CLI can only replace it whole, so no command overwrites it. "
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
        ResourcePolicyKind.TrustPolicy => "role trust",
        _ => "resource",
    };
}
