using System.Text;

namespace Denied.Remediation;

/// <summary>
/// The IaC form of a permissions-boundary fix: the statement goes into the boundary's managed policy
/// (AWS::IAM::ManagedPolicy, aws_iam_policy, iam.ManagedPolicy), not into the role, whose own policies may already
/// allow the call. Comments name the boundary ARN, which may be a placeholder found with get-role.
/// </summary>
internal static class BoundarySnippet
{
    public static IReadOnlyDictionary<string, string> For(FixDraft draft)
    {
        var statements = draft.ExtraStatements.Select(s => s.Statement).ToList();
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["sam"] = Yaml(draft, statements, false),
            ["cloudformation"] = Yaml(draft, statements, false),
            ["serverless"] = Yaml(draft, statements, true),
            ["terraform"] = Terraform(draft, statements),
            ["cdk"] = Cdk(draft, statements),
        };
    }

    private static string Which(FixDraft draft) => draft.BoundaryPolicyArn == RoleFixes.BoundaryPlaceholder
        ? "the role's permissions boundary (aws iam get-role --query Role.PermissionsBoundary.PermissionsBoundaryArn)"
        : "the permissions boundary " + draft.BoundaryPolicyArn;

    private static string Yaml(FixDraft draft, IReadOnlyList<PolicyStatement> statements, bool splitVariables)
    {
        var yaml = new YamlWriter { SplitVariables = splitVariables };
        yaml.Line(0, "# In the AWS::IAM::ManagedPolicy of " + YamlComment(Which(draft)) + ",");
        yaml.Line(0, "# under Properties.PolicyDocument, keep its statements and add:");
        yaml.Line(0, "Statement:");
        yaml.Statements(2, statements);
        return yaml.ToString();
    }

    private static string Terraform(FixDraft draft, IReadOnlyList<PolicyStatement> statements)
    {
        var text = new StringBuilder();
        text.Append("# In the aws_iam_policy of ").Append(HclComment(Which(draft))).Append(",\n");
        text.Append("# keep its statements and add these to its policy document:\n");
        text.Append("policy = ").Append(HclPolicy.JsonEncode(statements, 0)).Append('\n');
        return text.ToString();
    }

    private static string Cdk(FixDraft draft, IReadOnlyList<PolicyStatement> statements)
    {
        var text = new StringBuilder("import * as iam from 'aws-cdk-lib/aws-iam';\n\n");
        text.Append("// boundary: the iam.ManagedPolicy used as ").Append(TsComment(Which(draft))).Append('\n');
        foreach (var statement in statements)
        {
            text.Append("boundary.addStatements(").Append(CdkSnippet.Statement(statement)).Append(");\n");
        }

        return text.ToString();
    }

    // A comment ends at a line break, so record text in one must hold none: control characters and the Unicode line and
    // paragraph separators (line terminators in TypeScript) become spaces.
    private static string Comment(string text) =>
        new(text.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085' ? ' ' : c).ToArray());

    private static string YamlComment(string text) => Comment(text);

    private static string HclComment(string text) => Comment(text);

    private static string TsComment(string text) => Comment(text);
}
