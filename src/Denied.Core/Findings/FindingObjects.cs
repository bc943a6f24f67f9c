namespace Denied.Findings;

/// <summary>
/// What an S3 object finding covers (one role, action and layer on one bucket): the scope its fix grants, how many
/// distinct objects were denied, and a few of them.
/// </summary>
/// <param name="Scope">The object ARN, or the ARN prefix ending in '/' that the fix grants with a trailing '*'.</param>
/// <param name="Count">Distinct objects denied.</param>
/// <param name="CountIsExact">
/// False once the store has seen more objects than it keeps as samples and a later batch arrived: an object seen
/// before but not kept as a sample counts again then, so <see cref="Count"/> is an upper bound.
/// </param>
/// <param name="Samples">Up to <see cref="S3ObjectSet.SampleCount"/> object ARNs, in ordinal order.</param>
public sealed record FindingObjects(string Scope, long Count, bool CountIsExact, IReadOnlyList<string> Samples)
{
    /// <summary>The objects of one scan's aggregation (exact: a scan holds every distinct object), or null.</summary>
    public static FindingObjects? Of(S3ObjectSet? objects) =>
        objects is { Scope: { } scope } ? new FindingObjects(scope.Text, objects.Count, true, objects.Samples) : null;

    /// <summary>One line for people: "6 distinct objects under arn:aws:s3:::b/invoices/ (at most)". Values are raw; the caller escapes.</summary>
    public string Summary() => CountText() + (IsPrefix ? " under " : ": ") + Scope;

    /// <summary>"1 object", "6 distinct objects" or "at most 7 distinct objects".</summary>
    public string CountText() => Count == 1 ? "1 object" : $"{(CountIsExact ? "" : "at most ")}{Count} distinct objects";

    /// <summary>True when <see cref="Scope"/> is a prefix (every key under it), false for one object ARN.</summary>
    public bool IsPrefix => Scope.EndsWith('/');
}
