using System.Text;

namespace Denied.Remediation;

/// <summary>AWS CDK (TypeScript, aws-cdk-lib): fn.addToRolePolicy, fn.addPermission, or the resource's addToResourcePolicy.</summary>
internal static class CdkSnippet
{
    public static string Render(FixDraft draft)
    {
        var text = new StringBuilder("import * as iam from 'aws-cdk-lib/aws-iam';\n\n");
        if (draft.RoleStatements.Count > 0)
        {
            text.Append("// fn: the lambda.Function whose execution role was denied\n");
            foreach (var statement in draft.RoleStatements)
            {
                text.Append("fn.addToRolePolicy(").Append(Statement(statement)).Append(");\n");
            }
        }

        if (draft.Resource is { } target)
        {
            if (draft.RoleStatements.Count > 0)
            {
                text.Append('\n');
            }

            if (draft.Permission is { } permission)
            {
                text.Append("// fn: the lambda.Function being invoked\n");
                text.Append("fn.addPermission(").Append(TsText.Quote(PolicyNames.LogicalId(permission.StatementId))).Append(", {\n");
                text.Append("  principal: ").Append(Principal(permission)).Append(",\n");
                text.Append("  action: 'lambda:InvokeFunction',\n");
                if (permission.SourceArn is not null)
                {
                    text.Append("  sourceArn: ").Append(TsText.Quote(permission.SourceArn)).Append(",\n");
                }

                if (permission.SourceAccount is not null)
                {
                    text.Append("  sourceAccount: ").Append(TsText.Quote(permission.SourceAccount)).Append(",\n");
                }

                text.Append("});\n");
                return text.ToString();
            }

            var (variable, comment, method) = target.Kind switch
            {
                ResourcePolicyKind.Bucket => ("bucket", "the s3.Bucket defined in this app (an imported bucket ignores the call)", "addToResourcePolicy"),
                ResourcePolicyKind.Key => ("key", "the kms.Key defined in this app (an imported key ignores the call)", "addToResourcePolicy"),
                ResourcePolicyKind.Queue => ("queue", "the sqs.Queue defined in this app (an imported queue ignores the call)", "addToResourcePolicy"),
                ResourcePolicyKind.Topic => ("topic", "the sns.Topic defined in this app (an imported topic ignores the call)", "addToResourcePolicy"),
                ResourcePolicyKind.Secret => ("secret", "the secretsmanager.Secret defined in this app", "addToResourcePolicy"),
                ResourcePolicyKind.VpcEndpoint => ("endpoint", "the ec2.InterfaceVpcEndpoint or GatewayVpcEndpoint the function calls through", "addToPolicy"),
                // Role.assumeRolePolicy is the trust policy document (aws-cdk-lib/aws-iam); it is undefined only for imported roles.
                ResourcePolicyKind.TrustPolicy => ("role", "the iam.Role being assumed, defined in this app", "assumeRolePolicy?.addStatements"),
                _ => ("resource", "the construct that owns the resource policy", "addToResourcePolicy"),
            };
            text.Append("// ").Append(variable).Append(": ").Append(comment).Append('\n');
            foreach (var statement in draft.ResourceStatements)
            {
                text.Append(variable).Append('.').Append(method).Append('(').Append(Statement(statement)).Append(");\n");
            }
        }

        return text.ToString();
    }

    internal static string Statement(PolicyStatement statement)
    {
        var text = new StringBuilder("new iam.PolicyStatement({\n");
        if (statement.Sid is not null)
        {
            text.Append("  sid: ").Append(TsText.Quote(statement.Sid)).Append(",\n");
        }

        if (statement.Effect != "Allow")
        {
            text.Append("  effect: iam.Effect.DENY,\n");
        }

        if (statement.Principal is { } principal)
        {
            var type = principal.Type == "Service" ? "ServicePrincipal" : "ArnPrincipal";
            text.Append("  principals: [new iam.").Append(type).Append('(').Append(TsText.Quote(principal.Value)).Append(")],\n");
        }

        text.Append("  actions: [").Append(string.Join(", ", statement.Actions.Select(TsText.Quote))).Append("],\n");
        if (statement.Resources.Count > 0)
        {
            text.Append("  resources: [").Append(string.Join(", ", statement.Resources.Select(TsText.Quote))).Append("],\n");
        }

        if (statement.Conditions.Count > 0)
        {
            text.Append("  conditions: {\n");
            foreach (var group in statement.Conditions.GroupBy(c => c.Operator))
            {
                text.Append("    ").Append(TsText.Quote(group.Key)).Append(": { ");
                text.Append(string.Join(", ", group.Select(c => TsText.Quote(c.Key) + ": " + TsText.Quote(c.Value))));
                text.Append(" },\n");
            }

            text.Append("  },\n");
        }

        return text.Append("})").ToString();
    }

    private static string Principal(LambdaPermission permission) => permission switch
    {
        { IsService: true } => "new iam.ServicePrincipal(" + TsText.Quote(permission.CliPrincipal) + ")",
        _ when permission.CliPrincipal.All(char.IsAsciiDigit) => "new iam.AccountPrincipal(" + TsText.Quote(permission.CliPrincipal) + ")",
        _ => "new iam.ArnPrincipal(" + TsText.Quote(permission.CliPrincipal) + ")",
    };
}
