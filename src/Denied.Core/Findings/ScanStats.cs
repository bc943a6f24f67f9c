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

    /// <summary>Denials of Lambda functions that a suppression rule silenced: counted, no finding.</summary>
    public long Suppressed { get; private set; }

    /// <summary>How many denials each rule silenced, by rule id (only rules that silenced any).</summary>
    public SortedDictionary<string, long> SuppressedByRule { get; } = new(StringComparer.Ordinal);

    public void CountSuppressed(string ruleId)
    {
        Suppressed++;
        SuppressedByRule[ruleId] = SuppressedByRule.GetValueOrDefault(ruleId) + 1;
    }

    public List<(string Location, string Message)> Errors { get; } = [];
}
