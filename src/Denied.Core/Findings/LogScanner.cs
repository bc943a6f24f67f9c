using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Intake;

namespace Denied.Findings;

/// <summary>
/// The offline scan: reads input items, diagnoses the possible denials, and aggregates Lambda denials into
/// findings. Every item ends counted: skipped as surely not denied, not denied, ignored (another principal),
/// suppressed (per rule), aggregated into a finding, or listed as an error with its location. What a record
/// becomes is decided by <see cref="DenialIntake"/>, as in the Detector.
/// </summary>
/// <param name="keepEvents">Whether findings list their events (a backfill claims each in the ledger), see <see cref="FindingAggregator"/>.</param>
/// <param name="keepLatestRecords">Whether each finding keeps the record of its latest diagnosis (<see cref="FindingObservation.LatestRecord"/>): one record per finding.</param>
/// <param name="keepTimeline">
/// Count denials per function and hour (<see cref="Timeline"/>): only the HTML report charts them, and the counters
/// grow with functions times hours, so a scan for another output keeps none.
/// </param>
public sealed class LogScanner(
    DenialIntake intake, DateTimeOffset? since = null, bool keepEvents = false, bool keepLatestRecords = false, bool keepTimeline = false)
{
    private const string ScanSource = "scan";

    /// <summary>A scan without suppression rules.</summary>
    public LogScanner(Diagnoser diagnoser, DateTimeOffset? since = null, bool keepEvents = false)
        : this(new DenialIntake(diagnoser, [], DateTimeOffset.MinValue), since, keepEvents)
    {
    }

    public FindingAggregator Findings { get; } = new(keepEvents);
    public ScanStats Stats { get; } = new();

    /// <summary>The Lambda denials by function and hour, for the chart of the HTML report; empty unless kept.</summary>
    public DenialTimeline Timeline { get; } = new();

    public void Add(InputItem item)
    {
        if (item.Error is { } error)
        {
            Stats.Errors.Add((item.Location, error));
            return;
        }

        Stats.Records++;
        if (item.SkippedAsNotDenied)
        {
            Stats.SkippedNotDenied++;
            return;
        }

        var record = item.Record!;
        if (since is { } from && FindingAggregator.ParseTime(record.EventTime) < from)
        {
            Stats.OutsideWindow++;
            return;
        }

        var outcome = intake.Take(record);
        switch (outcome.Kind)
        {
            case IntakeKind.NotDenied:
                Stats.NotDenied++;
                return;
            case IntakeKind.OtherPrincipal or IntakeKind.NeedsNewerInventory:
                Stats.Denied++;
                Stats.IgnoredOtherPrincipal++;
                return;
            case IntakeKind.Suppressed:
                Stats.Denied++;
                Stats.CountSuppressed(outcome.Rule!.Id);
                return;
            default:
                // A scan needs no per-event source (only the Detector maps failures back to messages), so it keeps none unless
                // the record has no eventID to count it by: memory then grows with distinct denials only by their ids.
                Stats.Denied++;
                Findings.Add(outcome.Diagnosis!, record.EventId is null ? item.Location : ScanSource, keepLatestRecords ? record : null);
                if (keepTimeline)
                {
                    Timeline.Add(outcome.Diagnosis!.Function?.Name, FindingAggregator.ParseTime(record.EventTime));
                }

                return;
        }
    }

    /// <summary>Findings, most frequent first, then newest.</summary>
    /// <param name="latest">
    /// The diagnosis to represent an observation with, before its fix is built (the latest evaluated against policies
    /// read live); null keeps <see cref="FindingObservation.Latest"/>.
    /// </param>
    public IReadOnlyList<ScanFinding> Results(Func<FindingObservation, Diagnosis>? latest = null) =>
        Findings.Observations()
            .Select(o => latest is null ? o : o with { Latest = latest(o) })
            .Select(o => new ScanFinding(o with { Latest = FindingAggregator.LatestWithFix(o) }))
            .OrderByDescending(f => f.Count)
            .ThenByDescending(f => f.Observation.LastSeen)
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .ToList();
}
