namespace Denied.Remediation;

/// <summary>
/// Serverless Framework: provider.iam.role.statements (v3 and later; v1/v2 spell it provider.iamRoleStatements)
/// and, for resource policies, CloudFormation under resources.Resources. Values holding "${" are split so the
/// framework's variable resolver never sees one (<see cref="YamlWriter.SplitVariables"/>).
/// </summary>
internal static class ServerlessSnippet
{
    public static string Render(FixDraft draft)
    {
        var yaml = new YamlWriter { SplitVariables = true };
        if (draft.RoleStatements.Count > 0)
        {
            yaml.Line(0, "provider:");
            yaml.Line(2, "iam:");
            yaml.Line(4, "role:");
            yaml.Line(6, "statements:");
            yaml.Statements(8, draft.RoleStatements);
        }

        if (draft.Resource is not null)
        {
            if (draft.RoleStatements.Count > 0)
            {
                yaml.Line(0, string.Empty);
            }

            if (CfnResourceYaml.IsFragment(draft))
            {
                yaml.Line(0, "# In the resources.Resources entry that declares it:");
                CfnResourceYaml.ResourcePolicy(yaml, 0, draft);
            }
            else
            {
                yaml.Line(0, "resources:");
                yaml.Line(2, "Resources:");
                CfnResourceYaml.ResourcePolicy(yaml, 4, draft);
            }
        }

        return yaml.ToString();
    }
}
