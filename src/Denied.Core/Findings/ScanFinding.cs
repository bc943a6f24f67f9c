namespace Denied.Findings;

/// <summary>A finding aggregated by an offline scan: the latest diagnosis plus counts.</summary>
public sealed record ScanFinding(FindingObservation Observation)
{
    public string Id => Observation.Key.Id;
    public long Count => Observation.EventCount;
    public IReadOnlyList<string> SampleEventIds => Observation.SampleEventIds;
}
