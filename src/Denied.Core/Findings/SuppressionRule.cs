namespace Denied.Findings;

/// <summary>
/// Silences expected denials before they become findings (probes, health checks, known SCP guardrails).
/// Each non-null pattern must match; '*' matches any run of characters, '?' one character, case-sensitively
/// except the action, which IAM treats case-insensitively.
/// </summary>
public sealed record SuppressionRule(string Id, string Reason)
{
    public string? FunctionPattern { get; init; }
    public string? RolePattern { get; init; }
    public string? ActionPattern { get; init; }
    public string? ResourcePattern { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
}
