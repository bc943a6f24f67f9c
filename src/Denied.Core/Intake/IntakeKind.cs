namespace Denied.Intake;

/// <summary>What one parsed CloudTrail record becomes on its way in: every record ends in exactly one of these.</summary>
public enum IntakeKind
{
    /// <summary>No access denial (no errorCode, or one that is not about permissions).</summary>
    NotDenied,

    /// <summary>A denial of a principal that is not a Lambda function (a user, another role): counted, no finding.</summary>
    OtherPrincipal,

    /// <summary>
    /// A role session the inventory could not tie to a function, where a newer inventory might: the caller lists the
    /// functions again and takes the record once more, with no newer inventory to ask for.
    /// </summary>
    NeedsNewerInventory,

    /// <summary>A Lambda function's denial that a suppression rule silences (<see cref="IntakeOutcome.Rule"/> says which).</summary>
    Suppressed,

    /// <summary>A Lambda function's denial: an observation of the finding <see cref="IntakeOutcome.Key"/>.</summary>
    Observed,
}
