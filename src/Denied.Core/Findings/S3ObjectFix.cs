using Denied.Diagnostics;
using Denied.Remediation;

namespace Denied.Findings;

/// <summary>
/// The fix of an S3 object finding: the grant covers the scope of every object denied so far instead of the one
/// object of the latest record (which stays the diagnosis's resource), and its notes say which objects that is.
/// </summary>
public static class S3ObjectFix
{
    /// <param name="diagnosis">The finding's latest diagnosis; without a fix request (a diagnosis read back from JSON) it is returned as is.</param>
    /// <param name="scope">What the fix grants.</param>
    /// <param name="objectCount">Distinct objects the finding has seen.</param>
    /// <param name="samples">Some of them.</param>
    public static Diagnosis Scoped(Diagnosis diagnosis, S3ObjectScope scope, long objectCount, IReadOnlyList<string> samples)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(samples);
        if (diagnosis.FixRequest is not { } request)
        {
            return diagnosis;
        }

        var fix = FixBuilder.Build(request with { Resource = scope.Resource, ResourceWildcardSuffixLength = scope.WildcardSuffixLength });
        // The count and the samples live on the finding (objectCount, sampleObjects), not in this note: a later batch
        // that adds an object under the same prefix keeps the stored diagnosis, so a count here would go stale.
        var covers = scope.IsPrefix
            ? $"The grant covers every key under {scope.Text}, the narrowest '/' prefix common to the distinct objects denied so far"
            : $"The grant covers the one object denied so far, {scope.Text}";
        var note = $"{covers}; the finding lists how many objects were denied and a few of them. A denied object outside it widens this finding's grant, never beyond the bucket's /*.";
        return diagnosis with { Fix = fix with { Notes = [.. fix.Notes, note] } };
    }
}
