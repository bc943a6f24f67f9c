namespace Denied.Findings;

/// <summary>A finding aggregated by an offline scan: the latest diagnosis plus counts.</summary>
public sealed record ScanFinding(FindingObservation Observation)
{
    public string Id => Observation.Key.Id;
    public long Count => Observation.Events.Count;
    public IReadOnlyList<string> SampleEventIds =>
        Observation.Events.OrderByDescending(e => e.EventTime).Take(5).Select(e => e.EventId).ToList();
}
