using System.Globalization;
using Denied.AwsClients.Policies;

namespace Denied.Detector.LivePolicies;

/// <summary>The notes a finding gets when its live policies were not (all) read. Renderers escape them: ARNs and reasons come from records and services.</summary>
public static class LiveReadNotes
{
    private const int MaxReason = 300;

    public const string NoRole =
        "Live policies not read: the record names no function role, and the caller's own role is never read in its place; the diagnosis is the record's text.";

    public const string IdentityUnseen =
        "The role's identity policies and permissions boundary could not be read, so they are unseen: the layer and the fix are the record's text diagnosis.";

    public const string Stopped =
        "Live policies not read: this batch had used half of its invocation's time on policy reads; a later batch of this finding reads them.";

    public static string OverBound(int lookups) => string.Create(CultureInfo.InvariantCulture,
        $"Live policies not read: this batch already read {lookups} roles and resources that were not cached (the per-batch bound); a later batch of this finding reads them.");

    public static string Failed(PolicyRead read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var what = read.Outcome == PolicyReadOutcome.Refused ? "was refused to the Detector's role" : "failed";
        var name = read.Name is { Length: > 0 } n ? $" ({n})" : "";
        var reason = read.Reason is { Length: > MaxReason } r ? r[..MaxReason] + "…" : read.Reason;
        return $"Live policy read {read.Read} on {read.Arn}{name} {what}: {reason}.";
    }
}
