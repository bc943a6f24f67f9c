using Denied.Diagnostics;

namespace Denied.Remediation;

/// <summary>The least-privilege fix for one diagnosis: never broader than the denied action and resource.</summary>
public sealed record Fix
{
    public required FixTarget Target { get; init; }
    public IReadOnlyList<PolicyStatementFix> Statements { get; init; } = [];

    /// <summary>Ready-to-run shell commands; every interpolated value is shell-quoted.</summary>
    public IReadOnlyList<string> Commands { get; init; } = [];

    /// <summary>Keyed by tool: "sam", "cloudformation", "serverless", "terraform", "cdk".</summary>
    public IReadOnlyDictionary<string, string> Snippets { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <param name="Document">Which policy document: "execution-role", or the resource policy ("bucket-policy", "key-policy", "queue-policy", "topic-policy", "function-policy", "secret-policy", "trust-policy", ...).</param>
/// <param name="Statement">The IAM statement to add.</param>
public sealed record PolicyStatementFix(string Document, PolicyStatement Statement);

/// <summary>An IAM policy statement. Single values render as a string, several as an array.</summary>
public sealed record PolicyStatement
{
    public string? Sid { get; init; }
    public string Effect { get; init; } = "Allow";

    /// <summary>For resource policies: e.g. ("AWS", role ARN) or ("Service", "s3.amazonaws.com").</summary>
    public (string Type, string Value)? Principal { get; init; }

    public required IReadOnlyList<string> Actions { get; init; }
    public required IReadOnlyList<string> Resources { get; init; }

    /// <summary>Condition operator -> key -> value, e.g. ("ArnLike", "aws:SourceArn", "arn:...").</summary>
    public IReadOnlyList<(string Operator, string Key, string Value)> Conditions { get; init; } = [];
}
