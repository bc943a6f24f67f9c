namespace Denied.Findings;

/// <summary>Triage state. A resolved finding seen again reopens; muted findings still count.</summary>
public enum FindingStatus
{
    Open,
    Resolved,
    Muted,
}

public static class FindingStatusCodes
{
    public static string Of(FindingStatus status) => status switch
    {
        FindingStatus.Open => "open",
        FindingStatus.Resolved => "resolved",
        FindingStatus.Muted => "muted",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static FindingStatus? Parse(string? code) => code switch
    {
        "open" => FindingStatus.Open,
        "resolved" => FindingStatus.Resolved,
        "muted" => FindingStatus.Muted,
        _ => null,
    };
}
