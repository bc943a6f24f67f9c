using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Denied.Diagnostics;
using Denied.Findings;
using A = Denied.Store.FindingAttributes;

namespace Denied.Store;

/// <summary>
/// The S3 object part of a finding's update: the stored scope widened by the batch's objects
/// (<see cref="S3ObjectScope.Covering"/>), the samples topped up, the fix rebuilt for the merged scope. A read,
/// modify and write, pinned by the update's condition on the scope and count as read, so a racing batch re-reads.
/// </summary>
/// <remarks>
/// The distinct-object count is exact within one batch, and across batches counts a batch's object as new unless it
/// is among the stored samples: an object denied again in a later batch, once more than <see cref="S3ObjectSet.SampleCount"/>
/// objects were seen, is counted again. An exact count would need one item per object; the count is an upper bound.
/// </remarks>
internal static class S3Objects
{
    private const string PrefixKind = "prefix";
    private const string ObjectKind = "object";

    /// <returns>The diagnosis whose fix grants the merged scope, and whether that scope differs from the stored one.</returns>
    public static (Diagnosis Latest, bool Widened) Plan(
        Diagnosis latest, S3ObjectSet objects, IReadOnlyDictionary<string, AttributeValue>? current,
        ExpressionBuilder e, List<string> set, List<string> cond)
    {
        var stored = StoredScope(current);
        var storedSamples = current is not null && current.TryGetValue(A.SampleObjects, out var l) && l.L is { } list
            ? list.Select(x => x.S).OfType<string>().ToList() : [];
        var storedCount = current is not null && current.TryGetValue(A.ObjectCount, out var c) && c.N is { } n
            ? long.Parse(n, CultureInfo.InvariantCulture) : 0;

        var scope = S3ObjectScope.Covering(stored, objects.Objects);
        // Sorted, so the stored samples (and the fix note that lists them) do not depend on the order batches arrive in.
        var samples = storedSamples.Concat(objects.Samples).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(S3ObjectSet.SampleCount).ToList();
        // Exact while every stored object is a stored sample; past that an upper bound (an object seen before but not
        // kept as a sample counts again).
        var fresh = objects.Objects.Count(o => !storedSamples.Contains(o, StringComparer.Ordinal));
        var exact = storedCount <= storedSamples.Count;
        var count = exact ? storedSamples.Count + fresh : storedCount + fresh;

        if (stored is null)
        {
            cond.Add($"attribute_not_exists({e.Name(A.ObjectScope)})");
        }
        else
        {
            cond.Add($"{e.Name(A.ObjectScope)} = {e.Value(stored.Text)} AND {e.Name(A.ObjectCount)} = {e.Number(storedCount)}");
        }

        set.Add($"{e.Name(A.ObjectScope)} = {e.Value(scope.Text)}");
        set.Add($"{e.Name(A.ObjectScopeKind)} = {e.Value(scope.IsPrefix ? PrefixKind : ObjectKind)}");
        set.Add($"{e.Name(A.ObjectCount)} = {e.Number(count)}");
        set.Add($"{e.Name(A.ObjectCountExact)} = {e.Value(new AttributeValue { BOOL = exact })}");
        set.Add($"{e.Name(A.SampleObjects)} = {e.Value(new AttributeValue { L = samples.Select(FindingItemMapper.S).ToList() })}");
        return (S3ObjectFix.Scoped(latest, scope, count, samples), stored is not null && stored != scope);
    }

    private static S3ObjectScope? StoredScope(IReadOnlyDictionary<string, AttributeValue>? current) =>
        current is not null && current.TryGetValue(A.ObjectScope, out var s) && s.S is { } text
            ? new S3ObjectScope(text, current.TryGetValue(A.ObjectScopeKind, out var k) && k.S == PrefixKind)
            : null;
}
