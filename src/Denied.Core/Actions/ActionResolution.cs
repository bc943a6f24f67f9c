namespace Denied.Actions;

/// <summary>The IAM action a denied record was checked against.</summary>
/// <param name="Action">Documented casing ("s3:ListBucket"); null when unknown or when IAM defines no such action.</param>
/// <param name="Source">"message" (the enhanced error message named it), "event-name" (mapped from eventSource + eventName) or "unknown".</param>
/// <param name="Notes">Why the action is missing or how it was derived, for the user; unescaped record text.</param>
public sealed record ActionResolution(string? Action, string Source, IReadOnlyList<string> Notes);
