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
            return KmsFixes.For(request, action);
        }

        if (request.IsTrustPolicyRejection)
        {
            return LambdaTrust(request, action);
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

    /// <summary>
    /// "The role defined for the function cannot be assumed by Lambda.": the role's trust policy must let
    /// lambda.amazonaws.com call sts:AssumeRole (Lambda DG, "Defining Lambda function permissions with an execution role").
    /// </summary>
    private static FixDraft LambdaTrust(FixRequest request, ActionName action)
    {
        var draft = RoleFixes.New(request, action, FixTarget.ResourcePolicy);
        if (ResourcePolicyTarget.For(request.Resource) is not { Kind: ResourcePolicyKind.TrustPolicy } target)
        {
            draft.Target = FixTarget.None;
            draft.Notes.Add("Lambda could not assume the function's role, but the request names no role ARN, so no statement is suggested: the role's trust policy must allow the service principal lambda.amazonaws.com to call sts:AssumeRole (aws lambda get-function-configuration --query Role names the role).");
            return draft;
        }

        draft.Resource = target;
        draft.ApplyAfterFetch = true;
        draft.ResourceStatements.Add(new PolicyStatement
        {
            Principal = ("Service", "lambda.amazonaws.com"),
            Actions = [action.Full],
            Resources = [],
        });
        draft.Notes.Add("Lambda could not assume role " + target.RoleName + " (account " + target.Arn.Account + "): its trust policy must allow the service principal lambda.amazonaws.com to call sts:AssumeRole. The first command saves the current trust policy to trust-policy.json; add the statement to its Statement list (a trust policy has no Resource element), then run the second, aws iam update-assume-role-policy, which replaces the trust policy with the merged file. Then retry the Lambda call; IAM changes can take a few seconds to apply.");
        draft.Notes.Add("If the trust policy already allows lambda.amazonaws.com, the role ARN in the request is not the role meant: check its name, its account and its path (a role made by the Lambda console is under /service-role/, and the ARN must include the path): aws iam get-role --role-name " + ShellQuote.Quote(target.RoleName) + " --query Role.Arn --output text prints the exact ARN. A Deny in the trust policy, or a condition it sets, gives the same message.");
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
