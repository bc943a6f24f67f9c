using Denied.Findings;

namespace Denied.Core.Tests.Findings;

/// <summary>The compact per-finding eventID set counts exactly: one count per distinct text, UUID or not.</summary>
public sealed class EventIdSetTests
{
    [Theory]
    [InlineData("f1a38d32-6834-4c65-927c-b2382bedda16", "f1a38d32-6834-4c65-927c-b2382bedda16", 1)]
    [InlineData("f1a38d32-6834-4c65-927c-b2382bedda16", "F1A38D32-6834-4C65-927C-B2382BEDDA16", 2)]
    [InlineData("f1a38d32-6834-4c65-927c-b2382bedda16", "{f1a38d32-6834-4c65-927c-b2382bedda16}", 2)]
    [InlineData("f1a38d32-6834-4c65-927c-b2382bedda16", "f1a38d326834-4c65-927c-b2382bedda16-", 2)]
    [InlineData("00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000", 1)]
    [InlineData("00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000001", 2)]
    [InlineData("no-event-id:file record 1", "no-event-id:file record 1", 1)]
    [InlineData("e-1", "e-2", 2)]
    public void TwoIdsCountOnceExactlyWhenTheirTextIsEqual(string first, string second, long expected)
    {
        var set = new EventIdSet();

        Assert.True(set.Add(first));
        Assert.Equal(expected == 2, set.Add(second));
        Assert.Equal(expected, set.Count);
        Assert.True(set.Contains(first));
        Assert.True(set.Contains(second));
    }

    [Fact]
    public void SplittingOneTableIntoShardsKeepsEveryIdIncludingTheAllZeroUuid()
    {
        var zero = Guid.Empty.ToString("D");
        var ids = Enumerable.Range(0, EventIdSet.ShardFrom - 1).Select(_ => Guid.NewGuid().ToString("D")).Append(zero).ToList();
        var set = new EventIdSet();
        Assert.All(ids, id => Assert.True(set.Add(id)));

        var past = Enumerable.Range(0, 1_000).Select(_ => Guid.NewGuid().ToString("D")).ToList();
        Assert.All(past, id => Assert.True(set.Add(id)));

        Assert.All(ids.Concat(past), id => Assert.True(set.Contains(id)));
        Assert.All(ids.Concat(past), id => Assert.False(set.Add(id)));
        Assert.Equal(ids.Count + past.Count, set.Count);
    }

    [Fact]
    public void ManyUuidsAreEachCountedOnceThroughEveryGrowth()
    {
        var ids = Enumerable.Range(0, 200_000).Select(_ => Guid.NewGuid().ToString("D")).ToList();
        var set = new EventIdSet();

        Assert.All(ids, id => Assert.True(set.Add(id)));
        Assert.All(ids, id => Assert.False(set.Add(id)));
        Assert.Equal(ids.Count, set.Count);
        Assert.False(set.Contains(Guid.NewGuid().ToString("D")));
    }

    [Fact]
    public void TheTallyKeepsTheFiveNewestIdsFirstSeenFirstAmongEqualTimes()
    {
        var tally = new EventTally();
        var t0 = DateTimeOffset.Parse("2026-11-23T18:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        string[] order = ["a", "b", "c", "d", "e", "f", "g"];
        int[] minutes = [1, 5, 3, 5, 0, 4, 2];
        for (var i = 0; i < order.Length; i++)
        {
            tally.Add(order[i], t0.AddMinutes(minutes[i]), i % 2 == 0 ? "fn-a" : "fn-b");
        }

        Assert.False(tally.Add("b", t0.AddMinutes(9), "fn-c"));
        Assert.Equal(7, tally.Count);
        Assert.Equal(["b", "d", "f", "c", "g"], tally.NewestEventIds);
        Assert.Equal(t0, tally.FirstSeen);
        Assert.Equal(t0.AddMinutes(5), tally.LastSeen);
        Assert.Equal(["fn-a", "fn-b"], tally.FunctionNames);
    }
}
