using System.Text;

namespace Denied.Remediation;

/// <summary>Terraform (AWS provider): aws_iam_role_policy, aws_lambda_permission, or the resource's policy resource.</summary>
internal static class TerraformSnippet
{
    public static string Render(FixDraft draft)
    {
        var text = new StringBuilder();
        if (draft.RoleStatements.Count > 0)
        {
            text.Append("resource \"aws_iam_role_policy\" \"").Append(PolicyNames.TerraformName(draft.PolicyName)).Append("\" {\n");
            text.Append("  name   = ").Append(HclText.Quote(draft.PolicyName)).Append('\n');
            text.Append("  role   = ")
                .Append(draft.RoleName is { } role ? HclText.Quote(role) : "aws_iam_role.function.id # the function's execution role")
                .Append('\n');
            text.Append("  policy = ").Append(HclPolicy.JsonEncode(draft.RoleStatements, 2)).Append('\n');
            text.Append("}\n");
        }

        if (draft.Resource is { } target)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            if (draft.Permission is { } permission)
            {
                AppendPermission(text, permission);
            }
            else
            {
                AppendResourcePolicy(text, draft, target);
            }
        }

        return text.ToString();
    }

    private static void AppendPermission(StringBuilder text, LambdaPermission permission)
    {
        // aws_lambda_permission adds one statement to the function policy; it never replaces the others.
        text.Append("resource \"aws_lambda_permission\" \"").Append(PolicyNames.TerraformName(permission.StatementId)).Append("\" {\n");
        text.Append("  statement_id   = ").Append(HclText.Quote(permission.StatementId)).Append('\n');
        text.Append("  action         = \"lambda:InvokeFunction\"\n");
        text.Append("  function_name  = ").Append(HclText.Quote(permission.Function)).Append('\n');
        text.Append("  principal      = ").Append(HclText.Quote(permission.CliPrincipal)).Append('\n');
        if (permission.SourceArn is not null)
        {
            text.Append("  source_arn     = ").Append(HclText.Quote(permission.SourceArn)).Append('\n');
        }

        if (permission.SourceAccount is not null)
        {
            text.Append("  source_account = ").Append(HclText.Quote(permission.SourceAccount)).Append('\n');
        }

        text.Append("}\n");
    }

    private static void AppendResourcePolicy(StringBuilder text, FixDraft draft, ResourcePolicyTarget target)
    {
        var name = "denied_" + PolicyNames.Hash8(target.ArnText);
        var (type, attribute, value) = target.Kind switch
        {
            ResourcePolicyKind.Bucket => ("aws_s3_bucket_policy", "bucket", HclText.Quote(target.BucketName)),
            ResourcePolicyKind.Queue => ("aws_sqs_queue_policy", "queue_url", HclText.Quote(target.QueueUrl)),
            ResourcePolicyKind.Topic => ("aws_sns_topic_policy", "arn", HclText.Quote(target.ArnText)),
            ResourcePolicyKind.Secret => ("aws_secretsmanager_secret_policy", "secret_arn", HclText.Quote(target.ArnText)),
            ResourcePolicyKind.Key => ("aws_kms_key_policy", "key_id", HclText.Quote(target.ArnText)),
            ResourcePolicyKind.VpcEndpoint => ("aws_vpc_endpoint_policy", "vpc_endpoint_id", "aws_vpc_endpoint.this.id # the endpoint the function calls through"),
            _ => (string.Empty, string.Empty, string.Empty),
        };

        if (target.Kind == ResourcePolicyKind.TrustPolicy)
        {
            // assume_role_policy is an argument of aws_iam_role and holds the whole trust policy.
            text.Append("# In the aws_iam_role that defines this role, add the statement to assume_role_policy (keep its existing statements):\n");
            text.Append("assume_role_policy = ").Append(HclPolicy.JsonEncode(draft.ResourceStatements, 0)).Append('\n');
            return;
        }

        if (type.Length == 0)
        {
            text.Append("# Add to the policy of the resource (merge with its existing statements):\n");
            text.Append("policy = ").Append(HclPolicy.JsonEncode(draft.ResourceStatements, 0)).Append('\n');
            return;
        }

        // Each of these resources owns the whole policy document of its target.
        text.Append("# Replaces the whole policy: if one is already managed, add the statement to it instead.\n");
        text.Append("resource \"").Append(type).Append("\" \"").Append(name).Append("\" {\n");
        text.Append("  ").Append(attribute).Append(" = ").Append(value).Append('\n');
        text.Append("  policy = ").Append(HclPolicy.JsonEncode(draft.ResourceStatements, 2)).Append('\n');
        text.Append("}\n");
    }
}
