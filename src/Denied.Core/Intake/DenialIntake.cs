using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Findings;

namespace Denied.Intake;

/// <summary>
/// The one way a parsed record becomes (or does not become) an observation of a finding, shared by the Detector,
/// `denied scan` and the backfill, so a suppression rule silences the same denials everywhere. Pure: the inventory
/// is inside <paramref name="diagnoser"/>, the rules and the time they are judged at are given.
/// </summary>
/// <param name="diagnoser">Diagnoses with the inventory at hand.</param>
/// <param name="rules">Active suppression rules, in the order they are tried (first match wins); expired ones never match.</param>
/// <param name="now">When the rules are judged: a rule whose expiry is at or before it no longer applies.</param>
public sealed class DenialIntake(Diagnoser diagnoser, IReadOnlyList<SuppressionRule> rules, DateTimeOffset now)
{
    public Diagnoser Diagnoser => diagnoser;

    /// <summary>Takes one record. Ordered: not a denial, unknown role session (refreshable), another principal, suppressed, observed.</summary>
    /// <param name="newerInventoryAvailable">
    /// True when the caller can list the functions again (the Detector with an inventory that is not fresh): an
    /// assumed-role session that names no known function then asks for it instead of being dropped.
    /// </param>
    public IntakeOutcome Take(CloudTrailRecord record, bool newerInventoryAvailable = false)
    {
        ArgumentNullException.ThrowIfNull(record);
        var diagnosis = diagnoser.DiagnoseDeferringFix(record);
        if (!diagnosis.Denied)
        {
            return IntakeOutcome.NotDenied;
        }

        if (FindingKey.For(diagnosis) is not { } key)
        {
            // A function deployed a minute ago and failing at once is the common case of a session no inventory names yet.
            return newerInventoryAvailable && diagnosis.Principal.Kind == PrincipalKind.AssumedRole
                ? new IntakeOutcome(IntakeKind.NeedsNewerInventory, diagnosis)
                : new IntakeOutcome(IntakeKind.OtherPrincipal, diagnosis);
        }

        // A rule's resource pattern is matched against the denied resource itself, so a rule naming one S3 object (or
        // prefix) still matches although the finding is keyed by the object's bucket.
        var matched = key with { Resource = diagnosis.Resource ?? key.Resource };
        return SuppressionMatcher.FirstMatch(rules, matched, diagnosis.Function?.Name, now) is { } rule
            ? new IntakeOutcome(IntakeKind.Suppressed, diagnosis, key, rule)
            : new IntakeOutcome(IntakeKind.Observed, diagnosis, key);
    }
}
