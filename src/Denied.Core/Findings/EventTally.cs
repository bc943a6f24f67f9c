namespace Denied.Findings;

/// <summary>
/// What a finding's observation needs from its distinct events, kept as it goes instead of as one object per event:
/// the exact count (through <see cref="EventIdSet"/>), first and last event time, the function names, and the five
/// newest eventIDs to show as samples. An eventID seen again changes nothing.
/// </summary>
public sealed class EventTally
{
    /// <summary>How many eventIDs an observation shows as samples, newest first.</summary>
    public const int SampleCount = 5;

    private readonly EventIdSet _ids = new();
    private readonly HashSet<string> _functionNames = new(StringComparer.Ordinal);
    private readonly List<(DateTimeOffset Time, string Id)> _newest = new(SampleCount + 1);

    public long Count => _ids.Count;
    public DateTimeOffset FirstSeen { get; private set; } = DateTimeOffset.MaxValue;
    public DateTimeOffset LastSeen { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>The functions seen, in ordinal order.</summary>
    public IReadOnlyCollection<string> FunctionNames => _functionNames.Order(StringComparer.Ordinal).ToList();

    /// <summary>Up to <see cref="SampleCount"/> eventIDs, newest first; among equal times, the first seen first.</summary>
    public IReadOnlyList<string> NewestEventIds => _newest.Select(e => e.Id).ToList();

    /// <summary>Counts an event; false when its eventID was counted before.</summary>
    public bool Add(string eventId, DateTimeOffset time, string? functionName)
    {
        if (!_ids.Add(eventId))
        {
            return false;
        }

        FirstSeen = time < FirstSeen ? time : FirstSeen;
        LastSeen = time > LastSeen ? time : LastSeen;
        if (functionName is not null)
        {
            _functionNames.Add(functionName);
        }

        var at = _newest.FindIndex(e => e.Time < time);
        if (at < 0)
        {
            at = _newest.Count;
        }

        if (at < SampleCount)
        {
            _newest.Insert(at, (time, eventId));
            if (_newest.Count > SampleCount)
            {
                _newest.RemoveAt(SampleCount);
            }
        }

        return true;
    }
}
