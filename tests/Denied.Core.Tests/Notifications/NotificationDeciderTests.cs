using Denied.Findings;
using Denied.Notifications;

namespace Denied.Core.Tests.Notifications;

public sealed class NotificationDeciderTests
{
    private static readonly long[] Thresholds = [100, 1000, 10000];

    public static TheoryData<string, FindingStatus?, long, int, FindingStatus, long, int, string[]> Cases => new()
    {
        // name, old status (null: INSERT), old count, old reopens, new status, new count, new reopens, expected transitions
        { "insert of an open finding is new", null, 0, 0, FindingStatus.Open, 1, 0, ["new"] },
        { "insert already past a threshold is only new", null, 0, 0, FindingStatus.Open, 150, 0, ["new"] },
        { "insert of a muted finding is silent", null, 0, 0, FindingStatus.Muted, 1, 0, [] },
        { "resolved seen again reopens", FindingStatus.Resolved, 5, 0, FindingStatus.Open, 6, 1, ["reopened#1"] },
        { "second reopening names its count", FindingStatus.Resolved, 9, 1, FindingStatus.Open, 10, 2, ["reopened#2"] },
        { "reopen count grew between images", FindingStatus.Open, 9, 1, FindingStatus.Open, 12, 2, ["reopened#2"] },
        { "reopen that also passes a threshold sends one", FindingStatus.Resolved, 99, 0, FindingStatus.Open, 101, 1, ["reopened#1"] },
        { "count crossing one threshold", FindingStatus.Open, 99, 0, FindingStatus.Open, 100, 0, ["threshold#100"] },
        { "count landing past one threshold", FindingStatus.Open, 90, 0, FindingStatus.Open, 150, 0, ["threshold#100"] },
        { "count jumping several thresholds sends the highest", FindingStatus.Open, 50, 0, FindingStatus.Open, 20000, 0, ["threshold#10000"] },
        { "count already at a threshold does not repeat it", FindingStatus.Open, 100, 0, FindingStatus.Open, 150, 0, [] },
        { "count unchanged", FindingStatus.Open, 42, 0, FindingStatus.Open, 42, 0, [] },
        { "count between thresholds", FindingStatus.Open, 101, 0, FindingStatus.Open, 999, 0, [] },
        { "muted finding passing a threshold is silent", FindingStatus.Muted, 99, 0, FindingStatus.Muted, 100, 0, [] },
        { "muting is silent", FindingStatus.Open, 5, 0, FindingStatus.Muted, 5, 0, [] },
        { "resolving is silent", FindingStatus.Open, 5, 0, FindingStatus.Resolved, 5, 0, [] },
        { "unmuting without a threshold is silent", FindingStatus.Muted, 5, 0, FindingStatus.Open, 6, 0, [] },
        { "unmuting past a threshold notifies the threshold", FindingStatus.Muted, 99, 0, FindingStatus.Open, 120, 0, ["threshold#100"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_FollowsTheTransitionTable(
        string name, FindingStatus? oldStatus, long oldCount, int oldReopens, FindingStatus newStatus, long newCount, int newReopens, string[] expected)
    {
        var old = oldStatus is { } s ? SomeFinding.Of(count: oldCount, status: s, reopenCount: oldReopens) : null;
        var now = SomeFinding.Of(count: newCount, status: newStatus, reopenCount: newReopens);

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
