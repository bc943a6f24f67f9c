namespace Denied.Findings;

/// <summary>
/// The distinct S3 objects one finding's denials named (one role, action and layer on one bucket): how many, the
/// first few as samples, and the scope that covers them all.
/// </summary>
public sealed class S3ObjectSet
{
    /// <summary>How many object ARNs a finding keeps as samples.</summary>
    public const int SampleCount = 5;

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<string> _samples = new(SampleCount);

    /// <summary>Distinct object ARNs seen.</summary>
    public long Count => _seen.Count;

    /// <summary>The first <see cref="SampleCount"/> object ARNs seen, in ordinal order (so output does not depend on arrival order).</summary>
    public IReadOnlyList<string> Samples => _samples.Order(StringComparer.Ordinal).ToList();

    /// <summary>The narrowest scope that covers every object seen; null before the first.</summary>
    public S3ObjectScope? Scope { get; private set; }

    /// <summary>Every distinct object ARN seen, in no particular order (the store merges them into its stored scope).</summary>
    public IReadOnlyCollection<string> Objects => _seen;

    public void Add(string objectArn)
    {
        if (!_seen.Add(objectArn))
        {
            return;
        }

        if (_samples.Count < SampleCount)
        {
            _samples.Add(objectArn);
        }

        Scope = S3ObjectScope.Covering(Scope, [objectArn]);
    }
}
