using Denied.CloudTrail;
using Denied.Diagnostics;

namespace Denied.Findings;

/// <summary>
/// The offline scan: reads input items, diagnoses the possible denials, and aggregates Lambda denials into
/// findings. Every item ends counted: skipped as surely not denied, not denied, ignored (another principal),
/// aggregated into a finding, or listed as an error with its location.
/// </summary>
public sealed class LogScanner(Diagnoser diagnoser, DateTimeOffset? since = null)
{
    private const string ScanSource = "scan";

    public FindingAggregator Findings { get; } = new();
    public ScanStats Stats { get; } = new();

    /// <summary>The Lambda denials by function and hour, for the chart of the HTML report.</summary>
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

        var diagnosis = diagnoser.DiagnoseDeferringFix(record);
        if (!diagnosis.Denied)
        {
            Stats.NotDenied++;
            return;
        }

        Stats.Denied++;
        // A scan needs no per-event source (only the Detector maps failures back to messages), so it keeps none unless
        // the record has no eventID to count it by: memory then grows with distinct denials only by their ids.
        if (!Findings.Add(diagnosis, record.EventId is null ? item.Location : ScanSource))
        {
            Stats.IgnoredOtherPrincipal++;
            return;
        }

        Timeline.Add(diagnosis.Function?.Name, FindingAggregator.ParseTime(record.EventTime));
    }

    /// <summary>Findings, most frequent first, then newest.</summary>
    public IReadOnlyList<ScanFinding> Results() =>
        Findings.Observations()
            .Select(o => new ScanFinding(o with { Latest = Diagnoser.WithFix(o.Latest) }))
            .OrderByDescending(f => f.Count)
            .ThenByDescending(f => f.Observation.LastSeen)
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .ToList();
}
