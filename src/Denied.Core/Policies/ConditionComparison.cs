namespace Denied.Policies;

/// <summary>The ordering test of a numeric or date operator; every other family compares for equality (or a match).</summary>
public enum ConditionComparison
{
    Equal,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
