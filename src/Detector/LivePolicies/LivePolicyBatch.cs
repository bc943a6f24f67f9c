using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Findings;
using Denied.LambdaRuntime.Observability;
using Denied.Policies;

namespace Denied.Detector.LivePolicies;

/// <summary>
/// One batch of <see cref="LivePolicyDiagnosis"/>: remembers the record behind each observed diagnosis (the request
/// context comes from the record), then evaluates each finding's latest diagnosis before it is written. The role read
/// is the function's execution role (<c>function.roleArn</c>), never the caller's when they differ; for a trust-policy
/// rejection it is the role Lambda could not assume, whose trust policy decides.
/// </summary>
public sealed class LivePolicyBatch(LivePolicyDiagnosis stage, CancellationTokenSource readDeadline) : IDisposable
{
    private readonly Dictionary<Diagnosis, CloudTrailRecord> _records = new(ReferenceEqualityComparer.Instance);
    private int _lookups;

    public void Remember(Diagnosis diagnosis, CloudTrailRecord record) => _records[diagnosis] = record;

    /// <summary>
    /// The observation with its latest diagnosis evaluated (evaluation.source "live"), or with a note saying why not.
    /// Never throws for a read: the caller's cancellation (the invocation's deadline) returns the observation as it
    /// came, and the write that follows is cut by the same deadline.
    /// </summary>
    public async Task<FindingObservation> EvaluateAsync(FindingObservation observation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var latest = observation.Latest;
        if (!_records.TryGetValue(latest, out var record) || latest.FixRequest is not { } request)
        {
            return observation;
        }

        var roleArn = request.IsTrustPolicyRejection ? request.Resource : latest.Function?.RoleArn;
        if (roleArn is null)
        {
            return With(observation, latest, [LiveReadNotes.NoRole]);
        }

        var notes = new List<string>();
        using var reads = CancellationTokenSource.CreateLinkedTokenSource(ct, readDeadline.Token);
        try
        {
            if (await RoleAsync(roleArn, observation, notes, reads.Token) is not { } role)
            {
                return With(observation, latest, notes);
            }

            notes.AddRange(role.Failures.Select(LiveReadNotes.Failed));
            if (role.Details is null)
            {
                notes.Add(LiveReadNotes.IdentityUnseen);
                return With(observation, latest, notes);
            }

            IReadOnlyDictionary<string, SourcedPolicy>? resourcePolicies = null;
            if (!request.IsTrustPolicyRejection && request.Resource is { } resource && PolicyHolder.Of(resource) is { } holder)
            {
                if (await ResourceAsync(holder, observation, notes, reads.Token) is { } read)
                {
                    // A known absence is an empty set: "this resource has no policy", not an unseen layer.
                    resourcePolicies = !read.Known ? null
                        : read.Policy is { } policy ? new Dictionary<string, SourcedPolicy>(StringComparer.Ordinal) { [read.PolicyArn] = policy }
                        : new Dictionary<string, SourcedPolicy>(StringComparer.Ordinal);
                    if (!read.Known)
                    {
                        notes.Add(LiveReadNotes.Failed(read.Read));
                    }
                }
            }

            // No SCPs or RCPs: the Detector does not read Organizations, so those layers are always unseen.
            var files = new PolicyFiles(role.Details, resourcePolicies, null) { Source = PolicyEvaluation.LiveSource };
            if (DiagnosisEvaluator.Evaluate(record, request, latest.Principal.Kind, files) is not { } evaluated)
            {
                return With(observation, latest, notes);
            }

            stage.Metrics.Add(Metric.FindingsEvaluated);
            return With(observation, EvaluatedDiagnosis.Apply(latest, evaluated.Evaluation, evaluated.Read), notes);
        }
        catch (OperationCanceledException) when (reads.IsCancellationRequested)
        {
            return ct.IsCancellationRequested ? observation : With(observation, latest, [.. notes, LiveReadNotes.Stopped]);
        }
    }

    public void Dispose() => readDeadline.Dispose();

    private async Task<LiveRolePolicies?> RoleAsync(string roleArn, FindingObservation observation, List<string> notes, CancellationToken ct)
    {
        if (stage.Roles.TryGet(roleArn, out var cached))
        {
            stage.Metrics.Add(Metric.PolicyCacheHits);
            return cached;
        }

        if (!TakeLookup(notes))
        {
            return null;
        }

        var read = await stage.Reader.ReadRoleAsync(roleArn, ct);
        stage.Metrics.Add(Metric.PolicyReads, read.Calls);
        Report(read.Failures, observation);
        stage.Roles.Set(roleArn, read);
        return read;
    }

    private async Task<LiveResourcePolicy?> ResourceAsync(string holder, FindingObservation observation, List<string> notes, CancellationToken ct)
    {
        if (stage.Resources.TryGet(holder, out var cached))
        {
            stage.Metrics.Add(Metric.PolicyCacheHits);
            return cached;
        }

        if (!TakeLookup(notes))
        {
            return null;
        }

        var read = await stage.Reader.ReadResourceAsync(holder, ct);
        stage.Metrics.Add(Metric.PolicyReads);
        Report(read.Known ? [] : [read.Read], observation);
        stage.Resources.Set(holder, read);
        return read;
    }

    private bool TakeLookup(List<string> notes)
    {
        if (_lookups >= stage.LookupsPerBatch)
        {
            stage.Metrics.Add(Metric.PolicyLookupsOverBound);
            notes.Add(LiveReadNotes.OverBound(_lookups));
            return false;
        }

        _lookups++;
        stage.Metrics.Add(Metric.PolicyLookups);
        return true;
    }

    private void Report(IReadOnlyList<AwsClients.Policies.PolicyRead> failures, FindingObservation observation)
    {
        foreach (var failure in failures)
        {
            stage.Metrics.Add(Metric.PolicyReadFailures);
            stage.Log.Warn("policy read not done; the finding says which layer is unseen",
                (LogKeys.FindingId, observation.Key.Id), (LogKeys.Reason, $"{failure.Read} {failure.Outcome}"), (LogKeys.Error, failure.Reason));
        }
    }

    private static FindingObservation With(FindingObservation observation, Diagnosis diagnosis, IReadOnlyList<string> notes) =>
        observation with { Latest = notes.Count == 0 ? diagnosis : diagnosis with { Notes = diagnosis.Notes.Concat(notes).Distinct(StringComparer.Ordinal).ToList() } };
}
