using Denied.AwsClients.Policies;
using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Findings;

namespace Denied.Cli;

/// <summary>
/// --read-policies on `explain` and `scan`: each denial is evaluated against its role's, resource's and
/// organization's policies read with the caller's credentials (<see cref="LivePolicySource"/>), each read once per
/// run. The clients are made at the first read and disposed with this object. A refused or failed read never fails
/// the command: its layer is unseen and a note on the diagnosis names it.
/// </summary>
public sealed class LivePolicyReads(PolicyReaderTarget target) : IDisposable
{
    private HttpClient? _http;
    private PolicyReaders? _readers;
    private DenialPolicySource? _source;

    /// <summary>The reads asked for by <paramref name="files"/>, or null without --read-policies; no region throws <see cref="RemoteIntakeException"/>, a bad endpoint <see cref="CliInputException"/>.</summary>
    public static LivePolicyReads? Open(PolicyFileOptions.Files files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return files.ReadPolicies is { } aws ? new LivePolicyReads(PolicyReaderTarget.Resolve(aws)) : null;
    }

    /// <summary>
    /// The seam where the policies for one denial come from: the live reads. A source tried before them (the IAM
    /// Access Troubleshooter) goes in front through <see cref="FirstPolicySource"/>.
    /// </summary>
    private DenialPolicySource Source
    {
        get
        {
            if (_source is null)
            {
                _http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
                _readers = new PolicyReaders(target.Region, target.Endpoint, _http);
                _source = new LivePolicySource(new PolicyReadCache(_readers.Collector, _readers.Resources));
            }

            return _source;
        }
    }

    /// <summary>A denial diagnosed without policies, evaluated against its policies read live; the fix is left to <see cref="Diagnoser.WithFix"/>.</summary>
    public async Task<Diagnosis> EvaluateAsync(CloudTrailRecord record, Diagnosis diagnosis, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        if (!diagnosis.Denied)
        {
            return diagnosis;
        }

        var policies = await Source.PoliciesForAsync(record, diagnosis, ct).ConfigureAwait(false);
        return policies is null ? diagnosis : Diagnoser.Evaluate(record, diagnosis, policies);
    }

    /// <summary>
    /// One record's full diagnosis, evaluated live. Blocks on the reads: `explain` runs synchronously, and a console
    /// program has no synchronization context for the wait to deadlock on.
    /// </summary>
    public Diagnosis Diagnose(Diagnoser diagnoser, CloudTrailRecord record)
    {
        ArgumentNullException.ThrowIfNull(diagnoser);
        var diagnosis = diagnoser.DiagnoseDeferringFix(record);
        return Diagnoser.WithFix(EvaluateAsync(record, diagnosis, CancellationToken.None).GetAwaiter().GetResult());
    }

    /// <summary>
    /// The latest diagnosis of each finding evaluated live (a scan kept each finding's latest record), as the
    /// function <see cref="LogScanner.Results"/> takes; a finding without its record keeps its diagnosis.
    /// </summary>
    public async Task<Func<FindingObservation, Diagnosis>> EvaluateLatestAsync(IEnumerable<FindingObservation> observations, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var evaluated = new Dictionary<string, Diagnosis>(StringComparer.Ordinal);
        foreach (var observation in observations)
        {
            if (observation.LatestRecord is { } record)
            {
                evaluated[observation.Key.Id] = await EvaluateAsync(record, observation.Latest, ct).ConfigureAwait(false);
            }
        }

        return o => evaluated.GetValueOrDefault(o.Key.Id) ?? o.Latest;
    }

    public void Dispose()
    {
        _readers?.Dispose();
        _http?.Dispose();
    }
}
