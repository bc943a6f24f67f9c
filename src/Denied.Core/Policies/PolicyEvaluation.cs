namespace Denied.Policies;

/// <summary>
/// The evaluation a diagnosis carries: where the policies came from (<see cref="Source"/>: "authorization-details-file",
/// "live") and what <see cref="PolicyEvaluator"/> made of the request against them; or, with "access-troubleshooter",
/// what AWS itself recorded for the denial (IAM Access Troubleshooter, <see cref="TroubleshooterEvaluation"/>).
/// </summary>
public sealed record PolicyEvaluation(string Source, EvaluationResult Result)
{
    public const string AuthorizationDetailsFileSource = "authorization-details-file";
    public const string LiveSource = "live";
    public const string AccessTroubleshooterSource = "access-troubleshooter";
}
