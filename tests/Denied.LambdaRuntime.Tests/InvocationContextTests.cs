namespace Denied.LambdaRuntime.Tests;

public sealed class InvocationContextTests
{
    private static readonly DateTimeOffset Deadline = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Theory]
    [InlineData(-90_000, 90_000)]
    [InlineData(-1, 1)]
    [InlineData(0, 0)]
    [InlineData(5_000, 0)]
    public void RemainingTime_IsTheDeadlineMinusNow_NeverNegative(int nowOffsetMs, int expectedMs)
    {
        var context = new InvocationContext("r", Deadline, null, null);

        var remaining = context.RemainingTime(new ManualClock(Deadline.AddMilliseconds(nowOffsetMs)));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), remaining);
    }
}
