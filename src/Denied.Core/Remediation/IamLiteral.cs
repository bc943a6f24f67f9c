namespace Denied.Remediation;

/// <summary>
/// Writes a concrete resource ARN so IAM matches it literally. In a Resource element (and in ARN/String
/// conditions) '*' and '?' are wildcards and '${...}' is a policy variable; a key named "reports/*" copied
/// verbatim would grant every key under reports/. IAM's escapes ${*}, ${?} and ${$} (policy version
/// 2012-10-17, IAM User Guide "policy variables: special characters") keep the grant to this one resource.
/// </summary>
internal static class IamLiteral
{
    public static string Escape(string value)
    {
        if (value == "*" || value.IndexOfAny(['*', '?', '$']) < 0)
        {
            return value;
        }

        var builder = new System.Text.StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            _ = c switch
            {
                '*' => builder.Append("${*}"),
                '?' => builder.Append("${?}"),
                '$' => builder.Append("${$}"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    public static bool NeedsEscape(string value) => value != "*" && value.IndexOfAny(['*', '?', '$']) >= 0;
}
