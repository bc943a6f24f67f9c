namespace Denied.Remediation;

/// <summary>
/// A near-miss Allow in the role's own policy, to be changed rather than joined by a new statement: the inline
/// policy (<see cref="PolicyName"/>) or customer managed policy (<see cref="PolicyArn"/>) that holds it, the
/// statement (<see cref="Sid"/>, zero-based <see cref="Index"/>), the element that gained the denied value
/// (<see cref="Element"/>: "Resource" or "Action"), and the whole edited document, since put-role-policy and
/// create-policy-version replace a document whole.
/// </summary>
public sealed record StatementEdit(string? PolicyName, string? PolicyArn, string? Sid, int Index, string Element, string Added, string EditedDocument);
