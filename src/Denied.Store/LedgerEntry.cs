namespace Denied.Store;

/// <summary>One event ledger item as read back: which finding the event was claimed for, under which token.</summary>
internal sealed record LedgerEntry(string EventId, string FindingId, ClaimedToken Token);
