namespace Denied.Findings;

/// <summary>
/// What one write did to a finding. The store keeps the kind of the latest write on the finding item (attribute
/// "change", see <see cref="FindingChangeCodes"/>), so the stream record of that write carries it and the Notifier
/// reads the transition instead of working it out again from the two images.
/// </summary>
public enum FindingChangeKind
{
    /// <summary>The first observation created the finding.</summary>
    New,

    /// <summary>An observation counted on a finding whose status it did not change (open, or muted without an expiry passed).</summary>
    Updated,

    /// <summary>An observation of a resolved finding: it is open again and its reopen count grew by one.</summary>
    Reopened,

    /// <summary>The first observation after a mute's expiry: the finding is open again.</summary>
    MuteEnded,

    /// <summary>A person resolved, muted or unmuted it (`denied findings ...`): never notifies.</summary>
    Triaged,
}

/// <summary>The stored spellings of <see cref="FindingChangeKind"/>; stable, as items keep them.</summary>
public static class FindingChangeCodes
{
    public static string Of(FindingChangeKind kind) => kind switch
    {
        FindingChangeKind.New => "new",
        FindingChangeKind.Updated => "updated",
        FindingChangeKind.Reopened => "reopened",
        FindingChangeKind.MuteEnded => "mute-ended",
        FindingChangeKind.Triaged => "triaged",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static FindingChangeKind? Parse(string? code) => code switch
    {
        "new" => FindingChangeKind.New,
        "updated" => FindingChangeKind.Updated,
        "reopened" => FindingChangeKind.Reopened,
        "mute-ended" => FindingChangeKind.MuteEnded,
        "triaged" => FindingChangeKind.Triaged,
        _ => null,
    };
}
