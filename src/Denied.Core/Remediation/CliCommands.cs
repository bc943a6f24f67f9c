using static Denied.Remediation.ShellQuote;

namespace Denied.Remediation;

/// <summary>
/// AWS CLI commands for a fix. Every interpolated value goes through <see cref="ShellQuote.Quote"/>. Only
/// additive commands change anything: an inline policy under a name of our own, or a function-policy statement.
/// Bucket, key, queue, topic, secret, trust and endpoint policies are one document each and the CLI can only replace it,
/// so for those the command fetches the current policy and <see cref="Apply"/> is offered after the merge.
/// </summary>
internal static class CliCommands
{
    public static IReadOnlyList<string> For(FixDraft draft)
    {
        var commands = new List<string>();
        if (draft.BoundaryPolicyArn is { } boundary)
        {
            // A managed policy's document can only be replaced by a new version: fetch the default, merge, publish.
            commands.AddRange(BoundaryCommands(draft, boundary));
        }
        else if (draft.RoleStatements.Count > 0 && draft.RoleName is null && draft.FunctionName is not null)
        {
            // The role is not in the record: ROLE_NAME stands for the function's execution role (the notes say how to find it).
            commands.Add(
                $"aws iam put-role-policy --role-name ROLE_NAME --policy-name {Quote(draft.PolicyName)}"
                + $" --policy-document {Quote(PolicyJson.Document(draft.RoleStatements, indented: false))}");
        }
        else if (draft.RoleStatements.Count > 0 && draft.RoleName is { } roleName)
        {
            // put-role-policy creates or replaces only the inline policy of this name; the name is ours.
            commands.Add(
                $"aws iam put-role-policy --role-name {Quote(roleName)} --policy-name {Quote(draft.PolicyName)}"
                + $" --policy-document {Quote(PolicyJson.Document(draft.RoleStatements, indented: false))}");
        }

        if (draft.Permission is { } permission)
        {
            commands.Add(AddPermission(permission, draft.Resource?.Arn.Region));
        }
        else if (draft.Resource is { } target && Fetch(target, draft.Region) is { } fetch)
        {
            commands.Add(fetch);
            if (draft.ApplyAfterFetch && Apply(target, draft.Region) is { } apply)
            {
                commands.Add(apply);
            }
        }

        return commands;
    }

    /// <summary>
    /// Reads the boundary's default version into boundary-policy.json, then publishes the merged file as the new default
    /// (IAM API reference, CreatePolicyVersion: at most five versions are kept, so an old one may need deleting first).
    /// </summary>
    private static IEnumerable<string> BoundaryCommands(FixDraft draft, string boundary)
    {
        var role = draft.RoleName is { } name ? Quote(name) : "ROLE_NAME";
        var arn = boundary == RoleFixes.BoundaryPlaceholder ? boundary : Quote(boundary);
        if (boundary == RoleFixes.BoundaryPlaceholder)
        {
            yield return $"BOUNDARY_POLICY_ARN=$(aws iam get-role --role-name {role} --query Role.PermissionsBoundary.PermissionsBoundaryArn --output text)";
            arn = "\"$BOUNDARY_POLICY_ARN\"";
        }

        yield return $"aws iam get-policy-version --policy-arn {arn} --version-id \"$(aws iam get-policy --policy-arn {arn} --query Policy.DefaultVersionId --output text)\" --query PolicyVersion.Document --output json > boundary-policy.json";
        yield return $"aws iam create-policy-version --policy-arn {arn} --policy-document file://boundary-policy.json --set-as-default";
    }

    /// <summary>The command that writes the merged document back; it replaces the whole policy, hence "after merging".</summary>
    public static string? Apply(ResourcePolicyTarget target, string? region) => target.Kind switch
    {
        ResourcePolicyKind.Bucket =>
            $"aws s3api put-bucket-policy --bucket {Quote(target.BucketName)} --policy file://bucket-policy.json",
        ResourcePolicyKind.Key =>
            $"aws kms put-key-policy{RegionFlag(target, region)} --key-id {Quote(target.ArnText)} --policy-name default --policy file://key-policy.json",
        ResourcePolicyKind.Queue =>
            $"aws sqs set-queue-attributes{RegionFlag(target, region)} --queue-url {Quote(target.QueueUrl)} --attributes file://queue-attributes.json",
        ResourcePolicyKind.Topic =>
            $"aws sns set-topic-attributes{RegionFlag(target, region)} --topic-arn {Quote(target.ArnText)} --attribute-name Policy --attribute-value file://topic-policy.json",
        ResourcePolicyKind.Secret =>
            $"aws secretsmanager put-resource-policy{RegionFlag(target, region)} --secret-id {Quote(target.ArnText)} --resource-policy file://secret-policy.json",
        ResourcePolicyKind.TrustPolicy =>
            $"aws iam update-assume-role-policy --role-name {Quote(target.RoleName)} --policy-document file://trust-policy.json",
        ResourcePolicyKind.VpcEndpoint =>
            $"aws ec2 modify-vpc-endpoint{RegionFlag(target, region)} --vpc-endpoint-id \"$VPC_ENDPOINT_ID\" --policy-document file://vpc-endpoint-policy.json",
        _ => null,
    };

    /// <summary>Reads the current policy into a file to merge into; read-only.</summary>
    public static string? Fetch(ResourcePolicyTarget target, string? region) => target.Kind switch
    {
        ResourcePolicyKind.Bucket =>
            $"aws s3api get-bucket-policy --bucket {Quote(target.BucketName)} --query Policy --output text > bucket-policy.json",
        ResourcePolicyKind.Key =>
            $"aws kms get-key-policy{RegionFlag(target, region)} --key-id {Quote(target.ArnText)} --policy-name default --query Policy --output text > key-policy.json",
        ResourcePolicyKind.Queue =>
            $"aws sqs get-queue-attributes{RegionFlag(target, region)} --queue-url {Quote(target.QueueUrl)} --attribute-names Policy --query Attributes.Policy --output text > queue-policy.json",
        ResourcePolicyKind.Topic =>
            $"aws sns get-topic-attributes{RegionFlag(target, region)} --topic-arn {Quote(target.ArnText)} --query Attributes.Policy --output text > topic-policy.json",
        ResourcePolicyKind.Secret =>
            $"aws secretsmanager get-resource-policy{RegionFlag(target, region)} --secret-id {Quote(target.ArnText)} --query ResourcePolicy --output text > secret-policy.json",
        ResourcePolicyKind.TrustPolicy =>
            $"aws iam get-role --role-name {Quote(target.RoleName)} --query Role.AssumeRolePolicyDocument --output json > trust-policy.json",
        ResourcePolicyKind.Function =>
            $"aws lambda get-policy{RegionFlag(target, region)} --function-name {Quote(target.ArnText)} --query Policy --output text",
        ResourcePolicyKind.VpcEndpoint =>
            $"aws ec2 describe-vpc-endpoints{RegionFlag(target, region)} --filters {Quote("Name=service-name,Values=" + target.EndpointServiceName(region))}"
            + " --query 'VpcEndpoints[].[VpcEndpointId,PolicyDocument]' --output text",
        _ => null,
    };

    private static string AddPermission(LambdaPermission permission, string? region)
    {
        var command = $"aws lambda add-permission{(string.IsNullOrEmpty(region) ? string.Empty : " --region " + Quote(region))}"
            + $" --function-name {Quote(permission.Function)} --statement-id {Quote(permission.StatementId)}"
            + $" --action lambda:InvokeFunction --principal {Quote(permission.CliPrincipal)}";
        if (permission.SourceArn is not null)
        {
            command += $" --source-arn {Quote(permission.SourceArn)}";
        }

        if (permission.SourceAccount is not null)
        {
            command += $" --source-account {Quote(permission.SourceAccount)}";
        }

        return command;
    }

    private static string RegionFlag(ResourcePolicyTarget target, string? fallback)
    {
        var region = target.Arn.Region.Length > 0 ? target.Arn.Region : fallback;
        return string.IsNullOrEmpty(region) ? string.Empty : " --region " + Quote(region);
    }
}
