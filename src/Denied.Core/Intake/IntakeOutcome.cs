using Denied.Diagnostics;
using Denied.Findings;

namespace Denied.Intake;

/// <summary>
/// The result of <see cref="DenialIntake.Take"/>. <see cref="Diagnosis"/> is set for every denial (its fix deferred:
/// <see cref="Diagnoser.WithFix"/> builds it once per finding); <see cref="Key"/> for suppressed and observed denials;
/// <see cref="Rule"/> only for suppressed ones.
/// </summary>
public sealed record IntakeOutcome(IntakeKind Kind, Diagnosis? Diagnosis = null, FindingKey? Key = null, SuppressionRule? Rule = null)
{
    public static readonly IntakeOutcome NotDenied = new(IntakeKind.NotDenied);
}
