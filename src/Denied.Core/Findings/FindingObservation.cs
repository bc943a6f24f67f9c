using Denied.CloudTrail;
using Denied.Diagnostics;

namespace Denied.Findings;

/// <summary>
/// The denials of one finding seen in one batch (or one scan), aggregated so the store takes one
/// write per finding per batch. <see cref="Events"/> holds each distinct CloudTrail eventID once.
/// </summary>
/// <remarks>
/// An aggregator that keeps no per-event list (a scan) sets <see cref="Tally"/> instead; the counts, times, names
/// and samples come from it then, and <see cref="Events"/> may be empty.
/// </remarks>
public sealed record FindingObservation(FindingKey Key, Diagnosis Latest, IReadOnlyList<ObservedEvent> Events)
{
    public EventTally? Tally { get; init; }

    /// <summary>The record of <see cref="Latest"/>, when the aggregator was given records (a scan reading policies live); else null.</summary>
    public CloudTrailRecord? LatestRecord { get; init; }

    /// <summary>The distinct S3 objects of an S3 object finding (<see cref="FindingKey.S3ObjectResource"/>), else null.</summary>
    public S3ObjectSet? Objects { get; init; }

    /// <summary>Distinct eventIDs observed.</summary>
    public long EventCount => Tally?.Count ?? Events.Count;

    public DateTimeOffset FirstSeen => Tally?.FirstSeen ?? Events.Min(e => e.EventTime);
    public DateTimeOffset LastSeen => Tally?.LastSeen ?? Events.Max(e => e.EventTime);
    public IReadOnlyCollection<string> FunctionNames => Tally?.FunctionNames ??
        Events.Select(e => e.FunctionName).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Up to five eventIDs, newest first.</summary>
    public IReadOnlyList<string> SampleEventIds => Tally?.NewestEventIds ??
        Events.OrderByDescending(e => e.EventTime).Take(EventTally.SampleCount).Select(e => e.EventId).ToList();
}

/// <param name="EventId">CloudTrail eventID: the idempotency key of a count.</param>
/// <param name="EventTime">CloudTrail eventTime.</param>
/// <param name="FunctionName">The function the denial belongs to, when known.</param>
/// <param name="SourceId">Where it came from (SQS messageId, file:record), to report failures per message.</param>
public sealed record ObservedEvent(string EventId, DateTimeOffset EventTime, string? FunctionName, string SourceId);
