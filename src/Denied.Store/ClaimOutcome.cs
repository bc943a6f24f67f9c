namespace Denied.Store;

/// <summary>The result of claiming an observation's events in the ledger.</summary>
/// <param name="Claimed">Tokens this call wrote, one per claim transaction.</param>
/// <param name="Found">Tokens of earlier or racing attempts found on this finding's events; applied or not, to be checked.</param>
/// <param name="Skipped">Distinct events that were already claimed (by any attempt, for any finding).</param>
internal sealed record ClaimOutcome(IReadOnlyList<ClaimedToken> Claimed, IReadOnlyList<ClaimedToken> Found, int Skipped);
