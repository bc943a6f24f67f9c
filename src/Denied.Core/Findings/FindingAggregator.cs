using System.Globalization;
using Denied.CloudTrail;
using Denied.Diagnostics;

namespace Denied.Findings;

/// <summary>
/// Groups denials by <see cref="FindingKey"/> so that a batch (or a whole scan) becomes one observation per
/// finding: the store takes one write per finding, not one per event. An eventID seen twice counts once.
/// The latest diagnosis (by event time) represents the finding.
/// </summary>
/// <param name="keepEvents">
/// Whether each observation lists its events (the Detector maps write failures back to messages, a backfill claims
/// each eventID in the ledger). Without, an observation carries only its <see cref="EventTally"/>: a scan then
/// holds about 16 bytes per distinct denial, not an object per event.
/// </param>
public sealed class FindingAggregator(bool keepEvents = true)
{
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);

    // The same groups by key, so that an event of a key seen before finds its group without hashing the key's id
    // (SHA-256) again: the id is computed once per distinct key, and keys with one id still share one group.
    private readonly Dictionary<FindingKey, Group> _byKey = [];

    public int FindingCount => _groups.Count;

    /// <summary>Adds a diagnosis; returns false when it cannot be a finding (see <see cref="FindingKey.For"/>).</summary>
    /// <param name="sourceId">Where the event came from (SQS messageId, file:record).</param>
    /// <param name="record">
    /// The record diagnosed, kept with the latest diagnosis when given (<see cref="FindingObservation.LatestRecord"/>):
    /// a scan that reads policies after aggregating evaluates the latest denial of each finding against them.
    /// </param>
    public bool Add(Diagnosis diagnosis, string sourceId, CloudTrailRecord? record = null)
    {
        if (FindingKey.For(diagnosis) is not { } key)
        {
            return false;
        }

        if (!_byKey.TryGetValue(key, out var group))
        {
            var id = key.Id;
            if (!_groups.TryGetValue(id, out group))
            {
                group = new Group(key);
                _groups.Add(id, group);
            }

            _byKey.Add(key, group);
        }

        var time = ParseTime(diagnosis.EventTime);
        var eventId = diagnosis.EventId ?? $"no-event-id:{sourceId}";
        if (!group.Tally.Add(eventId, time, diagnosis.Function?.Name))
        {
            return true;
        }

        if (FindingKey.S3ObjectResource(diagnosis) is { } objectArn)
        {
            group.Objects ??= new S3ObjectSet();
            group.Objects.Add(objectArn);
        }

        if (keepEvents)
        {
            group.Events.Add(new ObservedEvent(eventId, time, diagnosis.Function?.Name, sourceId));
        }

        if (group.Latest is null || time >= group.LatestTime)
        {
            group.Latest = diagnosis;
            group.LatestTime = time;
            group.LatestRecord = record;
        }

        return true;
    }

    /// <summary>One observation per finding, in first-seen order of the key (stable output).</summary>
    public IReadOnlyList<FindingObservation> Observations() =>
        _groups.Values.Select(g => new FindingObservation(g.Key, g.Latest!, g.Events) { Tally = g.Tally, Objects = g.Objects, LatestRecord = g.LatestRecord }).ToList();

    /// <summary>
    /// The observation's latest diagnosis with its fix built: for an S3 object finding, granting the scope of the
    /// objects this observation saw (a store widens it further with the objects it saw before).
    /// </summary>
    public static Diagnosis LatestWithFix(FindingObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return observation.Objects is { Scope: { } scope } objects
            ? S3ObjectFix.Scoped(observation.Latest, scope, objects.Count, objects.Samples)
            : Diagnoser.WithFix(observation.Latest);
    }

    /// <summary>CloudTrail eventTime is ISO-8601 UTC ("2026-11-23T18:16:18Z"); an unreadable one sorts first.</summary>
    public static DateTimeOffset ParseTime(string? eventTime) =>
        DateTimeOffset.TryParse(eventTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : DateTimeOffset.UnixEpoch;

    private sealed class Group(FindingKey key)
    {
        public FindingKey Key { get; } = key;
        public EventTally Tally { get; } = new();
        public List<ObservedEvent> Events { get; } = [];
        public Diagnosis? Latest { get; set; }
        public CloudTrailRecord? LatestRecord { get; set; }
        public S3ObjectSet? Objects { get; set; }
        public DateTimeOffset LatestTime { get; set; }
    }
}
