namespace Denied.Policies;

/// <summary>
/// A <c>Principal</c> or <c>NotPrincipal</c> element. <see cref="Everyone"/> is the bare <c>"*"</c> (or
/// <c>{"AWS":"*"}</c>); the other lists are the values under each key, as written.
/// </summary>
public sealed record PrincipalElement(
    bool Everyone,
    IReadOnlyList<string> Aws,
    IReadOnlyList<string> Service,
    IReadOnlyList<string> Federated,
    IReadOnlyList<string> CanonicalUser);
