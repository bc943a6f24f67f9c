namespace Denied.Policies;

/// <summary>The multivalued-key prefix of an operator: none, <c>ForAllValues:</c> or <c>ForAnyValue:</c>.</summary>
public enum SetQualifier
{
    None,
    ForAllValues,
    ForAnyValue,
}
