namespace Denied.Policies;

/// <summary>The evaluation's answer; codes <c>explicit-deny</c>, <c>implicit-deny</c>, <c>allowed</c>, <c>not-determinable</c> (<see cref="PolicyDecisionCodes"/>).</summary>
public enum PolicyDecision
{
    ExplicitDeny,
    ImplicitDeny,
    Allowed,
    /// <summary>A condition on a key the request context could not give decides the outcome.</summary>
    NotDeterminable,
}

public static class PolicyDecisionCodes
{
    public static string Of(PolicyDecision decision) => decision switch
    {
        PolicyDecision.ExplicitDeny => "explicit-deny",
        PolicyDecision.ImplicitDeny => "implicit-deny",
        PolicyDecision.Allowed => "allowed",
        PolicyDecision.NotDeterminable => "not-determinable",
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };
}
