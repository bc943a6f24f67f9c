namespace Denied.Store;

/// <summary>What applying tokens to a finding did, summed over its transactions.</summary>
internal sealed record ApplyOutcome(long Counted, bool IsNew, bool Reopened, bool Unmuted);
