using Denied.Diagnostics;

namespace Denied.Remediation;

/// <summary>
/// What the layer rules decided, before rendering. One place turns it into the public <see cref="Fix"/>, so every
/// statement-bearing fix gets the same commands and the same five snippets.
/// </summary>
internal sealed class FixDraft
{
    public required FixTarget Target { get; set; }
    public ActionName? Action { get; init; }
    public string? RoleArn { get; init; }
    public string? Region { get; init; }
    public string? Account { get; init; }

    /// <summary>The role name without its path: what `aws iam put-role-policy --role-name` and RoleName take.</summary>
    public string? RoleName => Arn.TryParse(RoleArn)?.LastSegment;

    public string PolicyName { get; init; } = string.Empty;
    public List<PolicyStatement> RoleStatements { get; } = [];
    public ResourcePolicyTarget? Resource { get; set; }
    public List<PolicyStatement> ResourceStatements { get; } = [];
    public LambdaPermission? Permission { get; set; }

    /// <summary>Statements for documents no snippet covers (the permissions boundary); listed, explained in notes.</summary>
    public List<PolicyStatementFix> ExtraStatements { get; } = [];

    public List<string> Notes { get; } = [];

    public bool HasStatements => RoleStatements.Count > 0 || ResourceStatements.Count > 0 || Permission is not null;

    public Fix ToFix()
    {
        var statements = new List<PolicyStatementFix>();
        statements.AddRange(RoleStatements.Select(s => new PolicyStatementFix("execution-role", s)));
        statements.AddRange(ResourceStatements.Select(s => new PolicyStatementFix(Resource!.Document, s)));
        statements.AddRange(ExtraStatements);

        return new Fix
        {
            Target = Target,
            Statements = statements,
            Commands = HasStatements ? CliCommands.For(this) : [],
            Snippets = HasStatements ? Snippets.For(this) : new Dictionary<string, string>(),
            Notes = [.. Notes],
        };
    }
}
