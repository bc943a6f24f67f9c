using Denied.Findings;

namespace Denied.Core.Tests.Findings;

/// <summary>The HTML report's chart data: one count per function and hour, the hour given back as it was read.</summary>
public sealed class DenialTimelineTests
{
    public static TheoryData<string> Times => new()
    {
        "2026-12-07T11:59:59Z",
        "2026-12-07T11:00:00Z",
        "1969-12-31T23:30:00Z", // before 1970: a negative hour
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
    };

    [Theory]
    [MemberData(nameof(Times))]
    public void ADenialIsCountedInTheHourItFellIn(string time)
    {
        var at = DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture);
        var timeline = new DenialTimeline();

        timeline.Add("orders-api", at);
        timeline.Add("orders-api", at);

        var point = Assert.Single(timeline.Points());
        Assert.Equal("orders-api", point.Function);
        Assert.Equal(new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, 0, 0, TimeSpan.Zero), point.Hour);
        Assert.Equal(2, point.Count);
    }

    [Fact]
    public void FunctionsAndHoursAreCountedApartAndAMissingFunctionIsUnknown()
    {
        var nine = new DateTimeOffset(2026, 12, 7, 9, 15, 0, TimeSpan.Zero);
        var timeline = new DenialTimeline();

        timeline.Add("a", nine);
        timeline.Add("b", nine);
        timeline.Add("a", nine.AddHours(1));
        timeline.Add(new string("a".AsSpan()), nine); // the same name read again: another string, the same function
        timeline.Add(null, nine);

        var points = timeline.Points().OrderBy(p => p.Function, StringComparer.Ordinal).ThenBy(p => p.Hour).ToList();
        Assert.Equal(
            [("a", nine.AddMinutes(-15), 2L), ("a", nine.AddMinutes(45), 1L), ("b", nine.AddMinutes(-15), 1L), ("unknown", nine.AddMinutes(-15), 1L)],
            points);
    }
}
