namespace Denied.Policies;

/// <summary>A statement's <c>Effect</c>: exactly "Allow" or "Deny" (case-sensitive, IAM JSON policy reference: Effect).</summary>
public enum PolicyEffect
{
    Allow,
    Deny,
}
