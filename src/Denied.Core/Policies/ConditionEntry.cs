namespace Denied.Policies;

/// <summary>One (operator, key, values) triple of a <c>Condition</c> block; the key keeps its written casing.</summary>
public sealed record ConditionEntry(ConditionOperator Operator, string Key, IReadOnlyList<string> Values);
