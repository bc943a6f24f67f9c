namespace Denied.Policies;

/// <summary>
/// One statement. Exactly one of <see cref="Actions"/>/<see cref="NotActions"/> is set, at most one of
/// <see cref="Resources"/>/<see cref="NotResources"/> (trust policies have neither) and at most one of
/// <see cref="Principal"/>/<see cref="NotPrincipal"/> (identity policies have neither).
/// <see cref="Index"/> is the statement's zero-based position in its document.
/// </summary>
public sealed record PolicyStatement(
    int Index,
    string? Sid,
    PolicyEffect Effect,
    IReadOnlyList<string>? Actions,
    IReadOnlyList<string>? NotActions,
    IReadOnlyList<string>? Resources,
    IReadOnlyList<string>? NotResources,
    PrincipalElement? Principal,
    PrincipalElement? NotPrincipal,
    IReadOnlyList<ConditionEntry> Conditions);
