namespace Denied.Findings;

/// <summary>A finding aggregated by an offline scan: the latest diagnosis plus counts.</summary>
public sealed record ScanFinding(FindingObservation Observation)
{
    public string Id => Observation.Key.Id;
    public long Count => Observation.EventCount;
    public IReadOnlyList<string> SampleEventIds => Observation.SampleEventIds;

    /// <summary>The S3 objects of an S3 object finding, else null.</summary>
    public FindingObjects? Objects => FindingObjects.Of(Observation.Objects);
}
