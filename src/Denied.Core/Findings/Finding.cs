using Denied.Diagnostics;

namespace Denied.Findings;

/// <summary>A stored finding: one deduplicated problem with its counts, state and latest diagnosis.</summary>
public sealed record Finding
{
    public required string Id { get; init; }
    public required FindingKey Key { get; init; }
    public required FindingStatus Status { get; init; }
    public required long Count { get; init; }
    public required DateTimeOffset FirstSeen { get; init; }
    public required DateTimeOffset LastSeen { get; init; }
    public IReadOnlyList<string> FunctionNames { get; init; } = [];
    public IReadOnlyList<string> SampleEventIds { get; init; } = [];

    /// <summary>The S3 objects of an S3 object finding, else null.</summary>
    public FindingObjects? Objects { get; init; }

    /// <summary>The latest diagnosis (error code, sanitised message, fix) for this finding.</summary>
    public required Diagnosis Diagnosis { get; init; }

    public string? MuteReason { get; init; }
    public DateTimeOffset? MutedUntil { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>How many times a resolved finding came back; part of the notification identity.</summary>
    public int ReopenCount { get; init; }

    /// <summary>What the latest write did (new, updated, reopened, mute ended, triaged); null on items written before it was kept.</summary>
    public FindingChangeKind? LastChange { get; init; }
}
