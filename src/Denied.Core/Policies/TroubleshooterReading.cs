namespace Denied.Policies;

/// <summary>
/// The Troubleshooter's record read as an evaluation, with the captured documents of the policies it names by ARN (to
/// find near misses and build a statement edit; inline policies are left out, their names are not given); or, when the
/// reply could not be read, <see cref="Failure"/> says why and <see cref="Evaluation"/> is null. <see cref="Notes"/>
/// names captured documents that could not be read.
/// </summary>
public sealed record TroubleshooterReading(PolicyEvaluation? Evaluation, IReadOnlyList<SourcedPolicy> Documents, string? Failure, IReadOnlyList<string> Notes)
{
    public static TroubleshooterReading Failed(string reason) => new(null, [], reason, []);
}
