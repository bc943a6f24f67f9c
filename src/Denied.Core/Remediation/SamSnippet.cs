namespace Denied.Remediation;

/// <summary>
/// AWS SAM: the function's Policies entry (a policy template when one is exactly equal, else a Statement) and,
/// for resource policies, the CloudFormation resource SAM passes through.
/// </summary>
internal static class SamSnippet
{
    public static string Render(FixDraft draft)
    {
        var yaml = new YamlWriter();
        if (draft.RoleStatements.Count > 0)
        {
            yaml.Line(0, "# Under the AWS::Serverless::Function's Properties:");
            yaml.Line(0, "Policies:");
            if (SamPolicyTemplate.Match(draft) is { } template)
            {
                yaml.Line(2, "- " + template.Name + ":");
                yaml.Pair(6, template.Parameter, template.Value);
            }
            else
            {
                yaml.Line(2, "- Statement:");
                yaml.Statements(6, draft.RoleStatements);
            }
        }

        if (draft.Resource is not null)
        {
            if (draft.RoleStatements.Count > 0)
            {
                yaml.Line(0, string.Empty);
            }

            if (!CfnResourceYaml.IsFragment(draft))
            {
                yaml.Line(0, "# Under Resources:");
            }

            CfnResourceYaml.ResourcePolicy(yaml, 0, draft);
        }

        return yaml.ToString();
    }
}
