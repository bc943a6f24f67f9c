using Denied.Diagnostics;

namespace Denied.Remediation;

/// <summary>
/// The fix for a near-miss Allow in the role's own policy: the edited policy written back whole, with
/// `aws iam put-role-policy` for an inline policy and `aws iam create-policy-version --set-as-default` for a
/// customer managed one (IAM User Guide, "Versioning IAM policies": at most five versions are kept). The IaC
/// snippets show the statement to change, as it reads after the change (<see cref="StatementEditSnippets"/>),
/// instead of a separate statement beside it.
/// </summary>
public static class StatementEditFix
{
    public static Fix Apply(Fix fix, FixRequest request, StatementEdit edit)
    {
        var roleName = request.RoleArn is { } arn ? arn[(arn.LastIndexOf('/') + 1)..] : "ROLE_NAME";
        var statement = edit.Sid is { Length: > 0 } sid ? $"the statement with Sid \"{sid}\"" : $"statement {edit.Index} (zero-based)";
        var document = ShellQuote.Quote(edit.EditedDocument);
        var (command, where) = edit.PolicyName is { } inline
            ? ($"aws iam put-role-policy --role-name {ShellQuote.Quote(roleName)} --policy-name {ShellQuote.Quote(inline)} --policy-document {document}", $"inline policy {inline} of role {roleName}")
            : ($"aws iam create-policy-version --policy-arn {ShellQuote.Quote(edit.PolicyArn!)} --set-as-default --policy-document {document}", $"managed policy {edit.PolicyArn}");
        var snippets = StatementEditSnippets.For(edit, roleName);
        var notes = new List<string>
        {
            $"{char.ToUpperInvariant(statement[0])}{statement[1..]} in {where} nearly allows the call: the fix adds {edit.Added} to its {edit.Element} instead of adding a statement beside it. The command writes the whole policy as read, with that one change; it replaces the policy, so run it only if the policy has not changed since.",
            snippets.Count > 0
                ? "In a template, change that statement instead of adding one: each snippet names it and shows it as it reads after the change."
                : $"In a template (SAM, CloudFormation, Terraform, CDK), change the same statement of that policy: add {edit.Added} to its {edit.Element}.",
        };
        // A companion grant (s3:ListBucket beside s3:GetObject, the second X-Ray action) is not the denied action, so it
        // is not written into the edited statement: it stays a separate statement the user may add, and says so.
        var companions = fix.Statements.Where(s => !s.Statement.Actions.Contains(request.Action, StringComparer.OrdinalIgnoreCase)).ToList();
        if (companions.Count > 0)
            notes.Add("The edit changes only the denied action's statement; the companion " + (companions.Count == 1 ? "statement" : "statements") + " shown beside it " + (companions.Count == 1 ? "is" : "are") + " not in the command: add " + (companions.Count == 1 ? "it" : "them") + " to the role's own policy if wanted.");
        if (edit.PolicyArn is not null)
            notes.Add("A managed policy keeps at most five versions: if create-policy-version refuses, delete an old non-default version first (aws iam list-policy-versions, aws iam delete-policy-version).");
        return fix with
        {
            Target = FixTarget.ExecutionRole,
            Statements = companions,
            Commands = [command],
            Snippets = snippets,
            Notes = [.. notes, .. fix.Notes.Where(n => !n.Contains("inline policy name is derived", StringComparison.Ordinal))],
        };
    }
}
