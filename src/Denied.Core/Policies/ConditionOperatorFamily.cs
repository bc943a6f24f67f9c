namespace Denied.Policies;

/// <summary>How an operator compares one context value with one policy value (IAM JSON policy reference: condition operators).</summary>
public enum ConditionOperatorFamily
{
    String,
    StringIgnoreCase,
    StringLike,
    Numeric,
    Date,
    Bool,
    Binary,
    IpAddress,
    Arn,
    Null,
}
