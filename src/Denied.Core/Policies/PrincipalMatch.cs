namespace Denied.Policies;

/// <summary>
/// How a statement's Principal names the caller, most direct first: <see cref="Exact"/> (its own ARN,
/// its service or federated name, or a NotPrincipal that leaves it out), <see cref="Everyone"/> (<c>"*"</c>), <see cref="RoleOfSession"/> (the role a session was
/// made from, or the IAM user of a federated user session), <see cref="Account"/> (its account, which
/// only delegates to the account's own policies), or <see cref="NoMatch"/>. <see cref="NotApplicable"/>:
/// the statement has no principal element (identity, boundary, session and organization policies).
/// </summary>
public enum PrincipalMatch
{
    NoMatch,
    Account,
    RoleOfSession,
    Everyone,
    Exact,
    NotApplicable,
}
