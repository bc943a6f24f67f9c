namespace Denied.Findings;

/// <summary>
/// One query over stored findings, newest first. At most one of Function, RoleArn, Action, Service,
/// Account selects the index; Status (default: any) and Since filter further.
/// </summary>
public sealed record FindingQuery
{
    public FindingStatus? Status { get; init; }
    public string? Function { get; init; }
    public string? RoleArn { get; init; }
    public string? Action { get; init; }
    public string? Service { get; init; }
    public string? Account { get; init; }
    public DateTimeOffset? Since { get; init; }
    public int Limit { get; init; } = 50;
}
