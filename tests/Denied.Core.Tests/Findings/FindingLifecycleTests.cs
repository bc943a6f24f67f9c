using Denied.Findings;

namespace Denied.Core.Tests.Findings;

/// <summary>Every transition of the finding's state machine, and what each notifies, as one table.</summary>
public sealed class FindingLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);
    private static readonly long[] Thresholds = [100, 1000];

    /// <summary>A stored finding seen from 10:00 to 12:00 on the day, with the given status, mute expiry (hours from Now), reopens and count.</summary>
    private static StoredFindingState Stored(FindingStatus status, double? mutedForHours = null, int reopens = 0, long count = 5) =>
        new(status, Now.AddHours(-8), Now.AddHours(-6), mutedForHours is { } h ? Now.AddHours(h) : null, reopens, count);

    public static TheoryData<string, StoredFindingState?, double[], long, FindingChangeKind, FindingStatus, int, bool, bool, string?> Transitions => new()
    {
        // name, stored (null: none), observation [first, last] seen (hours from Now), counted,
        //   expected kind, status, reopen count, firstSeen moves, lastSeen and diagnosis move, notification
        { "no finding: new and open", null, [-1, 0], 3, FindingChangeKind.New, FindingStatus.Open, 0, true, true, "new" },
        { "no finding, first write already past a threshold: only new", null, [-1, 0], 150, FindingChangeKind.New, FindingStatus.Open, 0, true, true, "new" },
        { "open: updated", Stored(FindingStatus.Open), [-1, 0], 1, FindingChangeKind.Updated, FindingStatus.Open, 0, false, true, null },
        { "open, count crossing a threshold", Stored(FindingStatus.Open, count: 99), [-1, 0], 1, FindingChangeKind.Updated, FindingStatus.Open, 0, false, true, "threshold#100" },
        { "open, count landing past a threshold", Stored(FindingStatus.Open, count: 90), [-1, 0], 60, FindingChangeKind.Updated, FindingStatus.Open, 0, false, true, "threshold#100" },
        { "open, count crossing two thresholds: the highest", Stored(FindingStatus.Open, count: 99), [-1, 0], 2000, FindingChangeKind.Updated, FindingStatus.Open, 0, false, true, "threshold#1000" },
        { "open, count already at a threshold: not again", Stored(FindingStatus.Open, count: 100), [-1, 0], 50, FindingChangeKind.Updated, FindingStatus.Open, 0, false, true, null },
        { "resolved: reopened", Stored(FindingStatus.Resolved), [-1, 0], 1, FindingChangeKind.Reopened, FindingStatus.Open, 1, false, true, "reopened#1" },
        { "resolved twice before: third reopening", Stored(FindingStatus.Resolved, reopens: 2), [-1, 0], 1, FindingChangeKind.Reopened, FindingStatus.Open, 3, false, true, "reopened#3" },
        { "resolved, reopening past a threshold: only reopened", Stored(FindingStatus.Resolved, count: 99), [-1, 0], 5, FindingChangeKind.Reopened, FindingStatus.Open, 1, false, true, "reopened#1" },
        { "muted without expiry: keeps counting, silent", Stored(FindingStatus.Muted), [-1, 0], 1, FindingChangeKind.Updated, FindingStatus.Muted, 0, false, true, null },
        { "muted without expiry, past a threshold: silent", Stored(FindingStatus.Muted, count: 99), [-1, 0], 5, FindingChangeKind.Updated, FindingStatus.Muted, 0, false, true, null },
        { "muted until later: still muted", Stored(FindingStatus.Muted, mutedForHours: 1), [-1, 0], 1, FindingChangeKind.Updated, FindingStatus.Muted, 0, false, true, null },
        { "muted until exactly now: the mute ends", Stored(FindingStatus.Muted, mutedForHours: 0), [-1, 0], 1, FindingChangeKind.MuteEnded, FindingStatus.Open, 0, false, true, null },
        { "mute expired earlier: ends, silent", Stored(FindingStatus.Muted, mutedForHours: -2), [-1, 0], 1, FindingChangeKind.MuteEnded, FindingStatus.Open, 0, false, true, null },
        { "mute expired, count crossing a threshold", Stored(FindingStatus.Muted, mutedForHours: -2, count: 99), [-1, 0], 1, FindingChangeKind.MuteEnded, FindingStatus.Open, 0, false, true, "threshold#100" },
        { "older observation after a newer one: counts, keeps lastSeen and diagnosis", Stored(FindingStatus.Open), [-7.5, -7], 1, FindingChangeKind.Updated, FindingStatus.Open, 0, false, false, null },
        { "observation older than firstSeen: moves firstSeen only", Stored(FindingStatus.Open), [-10, -9], 1, FindingChangeKind.Updated, FindingStatus.Open, 0, true, false, null },
        { "observation spanning the stored one: moves both", Stored(FindingStatus.Open), [-10, 0], 1, FindingChangeKind.Updated, FindingStatus.Open, 0, true, true, null },
        { "observation at exactly lastSeen: takes the diagnosis", Stored(FindingStatus.Open), [-6, -6], 1, FindingChangeKind.Updated, FindingStatus.Open, 0, false, true, null },
        { "older observation of a resolved finding still reopens it", Stored(FindingStatus.Resolved), [-7.5, -7], 1, FindingChangeKind.Reopened, FindingStatus.Open, 1, false, false, "reopened#1" },
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public void ApplyFollowsTheTransitionTable(
        string name, StoredFindingState? stored, double[] observedHours, long counted,
        FindingChangeKind kind, FindingStatus status, int reopens, bool firstMoves, bool lastMoves, string? notification)
    {
        var first = Now.AddHours(observedHours[0]);
        var last = Now.AddHours(observedHours[1]);

        var change = FindingLifecycle.Apply(stored, first, last, counted, Now);

        Assert.True(change.Kind == kind, $"{name}: kind {change.Kind}");
        Assert.Equal(status, change.Status);
        Assert.Equal(reopens, change.ReopenCount);
        Assert.Equal(firstMoves ? first : null, change.FirstSeen);
        Assert.Equal(lastMoves ? last : null, change.LastSeen);
        Assert.Equal(lastMoves, change.TakesLatest);
        Assert.Equal(stored?.Count ?? 0, change.CountBefore);
        Assert.Equal((stored?.Count ?? 0) + counted, change.CountAfter);
        Assert.Equal(notification, change.Notification(Thresholds));
    }

    [Theory]
    [InlineData(FindingChangeKind.Triaged, FindingStatus.Open)]
    [InlineData(FindingChangeKind.Updated, FindingStatus.Resolved)]
    [InlineData(FindingChangeKind.New, FindingStatus.Muted)]
    public void NothingNotifiesForATriageEditOrAFindingThatIsNotOpen(FindingChangeKind kind, FindingStatus status) =>
        Assert.Null(FindingLifecycle.Notification(kind, status, 0, 0, 5000, Thresholds));

    [Fact]
    public void EveryChangeKindHasAStableCodeThatReadsBack()
    {
        foreach (var kind in Enum.GetValues<FindingChangeKind>())
        {
            Assert.Equal(kind, FindingChangeCodes.Parse(FindingChangeCodes.Of(kind)));
        }

        Assert.Equal(["new", "updated", "reopened", "mute-ended", "triaged"], Enum.GetValues<FindingChangeKind>().Select(FindingChangeCodes.Of));
    }
}
