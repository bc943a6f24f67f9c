using Denied.LambdaRuntime.Observability;

namespace Denied.Detector.LivePolicies;

/// <summary>
/// The Detector's policy-aware diagnosis (READ_POLICIES): each finding of a batch, once per batch after aggregation,
/// is evaluated against the live policies of the role that lacks the permission and of the resource, read with the
/// Detector's own role. What was read, and what could not be, is kept per role ARN and per resource (its policy's
/// holder) for <paramref name="cachePeriod"/> in the warm process, so a storm on one finding reads each policy once
/// per cache period. A batch reads at most <paramref name="lookupsPerBatch"/> roles and resources the cache lacks,
/// and only in the first half of the invocation's remaining time; findings past either bound keep the text diagnosis
/// with a note and are evaluated by a later batch. A refused or failed read never fails, retries or dead-letters
/// anything: the finding keeps the text diagnosis, or the evaluation names the layer as unseen, with a note.
/// </summary>
public sealed class LivePolicyDiagnosis(LivePolicyReader reader, TimeSpan cachePeriod, int lookupsPerBatch, TimeProvider clock, JsonLog log, EmfMetrics metrics)
{
    /// <summary>Roles (and, separately, resources) kept at most: a process that sees more re-reads the oldest.</summary>
    public const int CacheCapacity = 1000;

    internal TtlCache<LiveRolePolicies> Roles { get; } = new(cachePeriod, CacheCapacity, clock);

    internal TtlCache<LiveResourcePolicy> Resources { get; } = new(cachePeriod, CacheCapacity, clock);

    internal LivePolicyReader Reader => reader;

    internal int LookupsPerBatch => lookupsPerBatch;

    internal JsonLog Log => log;

    internal EmfMetrics Metrics => metrics;

    /// <summary>A batch's evaluation; its reads stop when half of <paramref name="remaining"/> (the invocation's time left) has passed.</summary>
    public LivePolicyBatch StartBatch(TimeSpan remaining) =>
        new(this, new CancellationTokenSource(Clamp(remaining / 2), clock));

    // A timer cannot run past about 49 days, and a Lambda deadline is at most 15 minutes away.
    private static TimeSpan Clamp(TimeSpan t) => t < TimeSpan.Zero ? TimeSpan.Zero : t > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : t;
}
