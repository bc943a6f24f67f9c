using Denied.CloudTrail;

namespace Denied.Classification;

/// <summary>One row of the detector's ordered table: the first row whose predicate holds decides.</summary>
/// <param name="Name">Stable rule name, used in tests and in the signal's reason.</param>
/// <param name="Matches">Predicate over the record and its normalised error code (<see cref="ErrorCodes.Normalise"/>).</param>
/// <param name="Kind">The verdict when the predicate holds.</param>
/// <param name="Reason">The human reason, given the record.</param>
internal sealed record DetectionRule(
    string Name,
    Func<CloudTrailRecord, string, bool> Matches,
    DenialKind Kind,
    Func<CloudTrailRecord, string> Reason);
