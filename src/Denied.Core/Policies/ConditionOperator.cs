namespace Denied.Policies;

/// <summary>
/// A parsed condition operator such as <c>ForAnyValue:StringNotLikeIfExists</c>: its comparison family,
/// the comparison (equals, less-than, ...), whether it is negated, its set qualifier and <c>IfExists</c>.
/// Operator names are case-sensitive in AWS's grammar but IAM accepts any casing of them in practice;
/// here they are matched ignoring case, as IAM policy validation and iam-simulate both do.
/// </summary>
public sealed record ConditionOperator(
    string Name,
    ConditionOperatorFamily Family,
    ConditionComparison Comparison,
    bool Negated,
    SetQualifier Qualifier,
    bool IfExists)
{
    private static readonly (string Name, ConditionOperatorFamily Family, ConditionComparison Comparison, bool Negated)[] Table =
    [
        ("StringEquals", ConditionOperatorFamily.String, ConditionComparison.Equal, false),
        ("StringNotEquals", ConditionOperatorFamily.String, ConditionComparison.Equal, true),
        ("StringEqualsIgnoreCase", ConditionOperatorFamily.StringIgnoreCase, ConditionComparison.Equal, false),
        ("StringNotEqualsIgnoreCase", ConditionOperatorFamily.StringIgnoreCase, ConditionComparison.Equal, true),
        ("StringLike", ConditionOperatorFamily.StringLike, ConditionComparison.Equal, false),
        ("StringNotLike", ConditionOperatorFamily.StringLike, ConditionComparison.Equal, true),
        ("NumericEquals", ConditionOperatorFamily.Numeric, ConditionComparison.Equal, false),
        ("NumericNotEquals", ConditionOperatorFamily.Numeric, ConditionComparison.Equal, true),
        ("NumericLessThan", ConditionOperatorFamily.Numeric, ConditionComparison.Less, false),
        ("NumericLessThanEquals", ConditionOperatorFamily.Numeric, ConditionComparison.LessOrEqual, false),
        ("NumericGreaterThan", ConditionOperatorFamily.Numeric, ConditionComparison.Greater, false),
        ("NumericGreaterThanEquals", ConditionOperatorFamily.Numeric, ConditionComparison.GreaterOrEqual, false),
        ("DateEquals", ConditionOperatorFamily.Date, ConditionComparison.Equal, false),
        ("DateNotEquals", ConditionOperatorFamily.Date, ConditionComparison.Equal, true),
        ("DateLessThan", ConditionOperatorFamily.Date, ConditionComparison.Less, false),
        ("DateLessThanEquals", ConditionOperatorFamily.Date, ConditionComparison.LessOrEqual, false),
        ("DateGreaterThan", ConditionOperatorFamily.Date, ConditionComparison.Greater, false),
        ("DateGreaterThanEquals", ConditionOperatorFamily.Date, ConditionComparison.GreaterOrEqual, false),
        ("Bool", ConditionOperatorFamily.Bool, ConditionComparison.Equal, false),
        ("BinaryEquals", ConditionOperatorFamily.Binary, ConditionComparison.Equal, false),
        ("IpAddress", ConditionOperatorFamily.IpAddress, ConditionComparison.Equal, false),
        ("NotIpAddress", ConditionOperatorFamily.IpAddress, ConditionComparison.Equal, true),
        ("ArnEquals", ConditionOperatorFamily.Arn, ConditionComparison.Equal, false),
        ("ArnLike", ConditionOperatorFamily.Arn, ConditionComparison.Equal, false),
        ("ArnNotEquals", ConditionOperatorFamily.Arn, ConditionComparison.Equal, true),
        ("ArnNotLike", ConditionOperatorFamily.Arn, ConditionComparison.Equal, true),
        ("Null", ConditionOperatorFamily.Null, ConditionComparison.Equal, false),
    ];

    /// <summary>Parses an operator name; null when it is none AWS documents.</summary>
    public static ConditionOperator? Parse(string name)
    {
        var rest = name;
        var qualifier = SetQualifier.None;
        if (rest.StartsWith("ForAllValues:", StringComparison.OrdinalIgnoreCase))
        {
            qualifier = SetQualifier.ForAllValues;
            rest = rest["ForAllValues:".Length..];
        }
        else if (rest.StartsWith("ForAnyValue:", StringComparison.OrdinalIgnoreCase))
        {
            qualifier = SetQualifier.ForAnyValue;
            rest = rest["ForAnyValue:".Length..];
        }

        var ifExists = false;
        if (rest.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase))
        {
            ifExists = true;
            rest = rest[..^"IfExists".Length];
        }

        foreach (var entry in Table)
        {
            if (!string.Equals(entry.Name, rest, StringComparison.OrdinalIgnoreCase)) continue;
            // "Null" takes no IfExists: it already asks whether the key exists (condition operators reference).
            if (entry.Family == ConditionOperatorFamily.Null && ifExists) return null;
            return new ConditionOperator(name, entry.Family, entry.Comparison, entry.Negated, qualifier, ifExists);
        }

        return null;
    }
}
