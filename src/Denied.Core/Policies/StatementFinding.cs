namespace Denied.Policies;

/// <summary>
/// A statement the result names: <see cref="Decisive"/> when it decided (the Deny that applied, the
/// Allows that granted, or the undecidable statement the outcome hangs on); otherwise a near miss: an
/// Allow that matched on everything but <see cref="Mismatch"/> (action, resource, principal or
/// <c>condition:&lt;key&gt;</c> entries).
/// </summary>
public sealed record StatementFinding(
    StatementReference Reference,
    PolicyEffect Effect,
    bool Decisive,
    IReadOnlyList<string> Mismatch,
    IReadOnlyList<string> UndeterminedKeys);
