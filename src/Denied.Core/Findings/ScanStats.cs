namespace Denied.Findings;

/// <summary>What a scan read and what became of it: every record ends diagnosed, ignored with a reason, or rejected.</summary>
public sealed class ScanStats
{
    public int Files { get; set; }
    public long Records { get; set; }

    /// <summary>Records with no errorCode and no errorMessage: surely not denials, not parsed in full.</summary>
    public long SkippedNotDenied { get; set; }

    public long NotDenied { get; set; }

    /// <summary>Records that may be denials but happened before the scan's --since: left out, counted here.</summary>
    public long OutsideWindow { get; set; }
    public long Denied { get; set; }

    /// <summary>Denials of principals that are not Lambda functions (users, other roles): counted, no finding.</summary>
    public long IgnoredOtherPrincipal { get; set; }

    public long Suppressed { get; set; }
    public List<(string Location, string Message)> Errors { get; } = [];
}
