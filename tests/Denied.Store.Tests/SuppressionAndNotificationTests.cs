using Denied.Findings;
using Denied.Store.Tests.Support;
using Denied.TestSupport;

namespace Denied.Store.Tests;

/// <summary>Suppression rule CRUD and the notification claim.</summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class SuppressionAndNotificationTests(MotoServer moto)
{
    [Fact]
    public async Task SuppressionRulesArePutListedReplacedAndDeleted()
    {
        using var table = await TestTable.CreateAsync(moto);
        var probe = new SuppressionRule("probe", "health check") { FunctionPattern = "health-*", ActionPattern = "s3:*" };
        var guard = new SuppressionRule("scp", "org guardrail") { RolePattern = "*", ResourcePattern = "arn:aws:iam::*", ExpiresAt = Some.T0.AddDays(30) };

        await table.Store.PutSuppressionAsync(probe);
        await table.Store.PutSuppressionAsync(guard);
        await table.Store.PutSuppressionAsync(probe with { Reason = "synthetic probe" });
        var listed = await table.Store.ListSuppressionsAsync();
        var deleted = await table.Store.DeleteSuppressionAsync("probe");
        var deletedAgain = await table.Store.DeleteSuppressionAsync("probe");

        Assert.Equal([probe with { Reason = "synthetic probe" }, guard], listed);
        Assert.True(deleted);
        Assert.False(deletedAgain);
        Assert.Equal([guard], await table.Store.ListSuppressionsAsync());
        Assert.Null(await table.Store.GetAsync("probe"));
    }

    [Fact]
    public async Task NotificationIsClaimedOnceAndReportedSentAfterward()
    {
        using var table = await TestTable.CreateAsync(moto);
        var other = table.SecondWriter(moto);

        var first = await table.Store.TryClaimNotificationAsync("f1", "new");
        var racing = await other.TryClaimNotificationAsync("f1", "new");
        await table.Store.MarkNotificationSentAsync("f1", "new");
        var afterSend = await other.TryClaimNotificationAsync("f1", "new");
        var reopened = await other.TryClaimNotificationAsync("f1", "reopened#1");

        Assert.Equal(NotificationClaim.Claimed, first);
        Assert.Equal(NotificationClaim.ClaimedEarlier, racing);
        Assert.Equal(NotificationClaim.AlreadySent, afterSend);
        Assert.Equal(NotificationClaim.Claimed, reopened);
    }

    [Fact]
    public async Task ConcurrentClaimsLetExactlyOneCallerPublish()
    {
        using var table = await TestTable.CreateAsync(moto);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => table.SecondWriter(moto).TryClaimNotificationAsync("f2", "new")));

        Assert.Single(claims, c => c == NotificationClaim.Claimed);
    }
}
