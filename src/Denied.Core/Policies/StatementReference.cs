using Denied.Diagnostics;

namespace Denied.Policies;

/// <summary>
/// Which statement of which policy: the policy's layer and name (<see cref="PolicySource"/>), the statement's Sid and
/// zero-based index. <see cref="Index"/> is null when the source of the finding does not give it (the IAM Access
/// Troubleshooter names statements by Sid only, and the position is known only from a captured document).
/// </summary>
public sealed record StatementReference(PolicySource Source, string? Sid, int? Index)
{
    public DenialLayer Layer => Source.Layer;
}
