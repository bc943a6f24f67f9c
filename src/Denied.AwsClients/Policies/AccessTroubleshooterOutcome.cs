using Denied.Policies;

namespace Denied.AwsClients.Policies;

/// <summary>
/// What the IAM Access Troubleshooter gave for one denial: the <see cref="Evaluation"/> and the captured documents of
/// the policies it names by ARN; or no evaluation and a <see cref="Note"/> saying why (not asked, refused, not found,
/// unreadable). <see cref="Notes"/> names what is missing from an evaluation that was read; <see cref="Reads"/> lists
/// every call made and what it found.
/// </summary>
public sealed record AccessTroubleshooterOutcome(
    PolicyEvaluation? Evaluation,
    IReadOnlyList<SourcedPolicy> Documents,
    string? Note,
    IReadOnlyList<string> Notes,
    IReadOnlyList<PolicyRead> Reads)
{
    internal static AccessTroubleshooterOutcome Without(string reason, IReadOnlyList<PolicyRead> reads) =>
        new(null, [], $"The IAM Access Troubleshooter was not used: {reason}.", [], reads);
}
