using Denied.Diagnostics;

namespace Denied.Policies;

/// <summary>Which statement of which policy: the policy's layer and name (<see cref="PolicySource"/>), the statement's Sid and zero-based index.</summary>
public sealed record StatementReference(PolicySource Source, string? Sid, int Index)
{
    public DenialLayer Layer => Source.Layer;
}
