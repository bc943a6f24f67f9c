namespace Denied.Store;

/// <summary>
/// One claim transaction's token and how many ledger entries it wrote. Every ledger entry of the token
/// carries both, written atomically, so whoever finds one entry knows the token's exact count.
/// </summary>
internal sealed record ClaimedToken(string Token, int Count);
