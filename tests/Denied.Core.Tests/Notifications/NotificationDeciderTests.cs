using Denied.Findings;
using Denied.Notifications;

namespace Denied.Core.Tests.Notifications;

public sealed class NotificationDeciderTests
{
    private static readonly long[] Thresholds = [100, 1000, 10000];

    private const FindingChangeKind New = FindingChangeKind.New;
    private const FindingChangeKind Updated = FindingChangeKind.Updated;
    private const FindingChangeKind Reopened = FindingChangeKind.Reopened;
    private const FindingChangeKind MuteEnded = FindingChangeKind.MuteEnded;
    private const FindingChangeKind Triaged = FindingChangeKind.Triaged;

    public static TheoryData<string, long?, FindingChangeKind?, FindingStatus, long, int, string[]> Cases => new()
    {
        // name, old count (null: INSERT), the change the write recorded, new status, new count, new reopens, expected transitions
        { "a new open finding is new", null, New, FindingStatus.Open, 1, 0, ["new"] },
        { "a new finding already past a threshold is only new", null, New, FindingStatus.Open, 150, 0, ["new"] },
        { "a reopening names its count", 5, Reopened, FindingStatus.Open, 6, 1, ["reopened#1"] },
        { "a second reopening names its count", 9, Reopened, FindingStatus.Open, 10, 2, ["reopened#2"] },
        { "a reopening that also passes a threshold sends one", 99, Reopened, FindingStatus.Open, 101, 1, ["reopened#1"] },
        { "count crossing one threshold", 99, Updated, FindingStatus.Open, 100, 0, ["threshold#100"] },
        { "count jumping several thresholds sends the highest", 50, Updated, FindingStatus.Open, 20000, 0, ["threshold#10000"] },
        { "a later write of a multi-step new finding passes a threshold", 24, Updated, FindingStatus.Open, 120, 0, ["threshold#100"] },
        { "count between thresholds", 101, Updated, FindingStatus.Open, 999, 0, [] },
        { "a muted finding passing a threshold is silent", 99, Updated, FindingStatus.Muted, 100, 0, [] },
        { "a mute ending without a threshold is silent", 5, MuteEnded, FindingStatus.Open, 6, 0, [] },
        { "a mute ending past a threshold notifies the threshold", 99, MuteEnded, FindingStatus.Open, 120, 0, ["threshold#100"] },
        { "a triage edit is silent even when open", 5, Triaged, FindingStatus.Open, 5, 0, [] },
        { "resolving is silent", 5, Triaged, FindingStatus.Resolved, 5, 0, [] },
        { "an item with no recorded change is silent", 99, null, FindingStatus.Open, 150, 0, [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_ReadsTheRecordedChange(
        string name, long? oldCount, FindingChangeKind? change, FindingStatus newStatus, long newCount, int newReopens, string[] expected)
    {
        var old = oldCount is { } c ? SomeFinding.Of(count: c) : null;
        var now = SomeFinding.Of(count: newCount, status: newStatus, reopenCount: newReopens, change: change);

        var notifications = NotificationDecider.Decide(old, now, Thresholds);

        Assert.True(expected.SequenceEqual(notifications.Select(n => n.Transition)), $"{name}: got [{string.Join(", ", notifications.Select(n => n.Transition))}]");
        Assert.All(notifications, n => Assert.Same(now, n.Finding));
    }

    [Fact]
    public void Decide_WithNoThresholds_NeverSendsThresholdNotifications()
    {
        var old = SomeFinding.Of(count: 1);
        var now = SomeFinding.Of(count: 1_000_000);

        Assert.Empty(NotificationDecider.Decide(old, now, []));
    }

    [Fact]
    public void Decide_IgnoresThresholdOrderAndNonPositiveValues()
    {
        var old = SomeFinding.Of(count: 1);
        var now = SomeFinding.Of(count: 500);

        var transitions = NotificationDecider.Decide(old, now, [1000, 0, -5, 100, 100]).Select(n => n.Transition);

        Assert.Equal(["threshold#100"], transitions);
    }

    [Theory]
    [InlineData("new", "new", null)]
    [InlineData("reopened#3", "reopened", 3L)]
    [InlineData("threshold#1000", "threshold", 1000L)]
    public void Transition_NamesSplitIntoKindAndNumber(string transition, string kind, long? number)
    {
        Assert.Equal(kind, NotificationTransition.KindOf(transition));
        Assert.Equal(number, NotificationTransition.NumberOf(transition));
    }
}
