namespace Denied.Remediation;

/// <summary>CloudFormation: an AWS::IAM::RolePolicy for the role, and the resource-policy resource or fragment.</summary>
internal static class CloudFormationSnippet
{
    public static string Render(FixDraft draft)
    {
        var yaml = new YamlWriter();
        if (draft.RoleStatements.Count > 0)
        {
            yaml.Line(0, "# Under Resources:");
            CfnResourceYaml.RolePolicy(yaml, 0, draft);
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
