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

    /// <summary>The function whose execution role the statements are for, when known: it names the role lookup when the role is not known.</summary>
    public string? FunctionName { get; init; }

    /// <summary>
    /// The permissions boundary to update instead of the role (<see cref="RoleFixes.Boundary"/>): the commands publish
    /// a new default version of that managed policy. "BOUNDARY_POLICY_ARN" when the message does not name it.
    /// </summary>
    public string? BoundaryPolicyArn { get; set; }

    /// <summary>
    /// Commands also write the merged resource policy back (<see cref="CliCommands.Apply"/>) after fetching it. Only for
    /// documents where running the pair unedited writes the same policy back, so the pair is never destructive.
    /// </summary>
    public bool ApplyAfterFetch { get; set; }

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
        if (BoundaryPolicyArn is not null)
        {
            // The boundary is what refused: its statement comes first; the role's is only "if the role lacks it too".
            statements.AddRange(ExtraStatements);
        }

        statements.AddRange(RoleStatements.Select(s => new PolicyStatementFix("execution-role", s)));
        statements.AddRange(ResourceStatements.Select(s => new PolicyStatementFix(Resource!.Document, s)));
        if (BoundaryPolicyArn is null)
        {
            statements.AddRange(ExtraStatements);
        }

        return new Fix
        {
            Target = Target,
            Statements = statements,
            Commands = HasStatements ? CliCommands.For(this) : [],
            Snippets = BoundaryPolicyArn is not null ? BoundarySnippet.For(this)
                : HasStatements ? Snippets.For(this) : new Dictionary<string, string>(),
            Notes = [.. Notes],
        };
    }
}
