namespace Denied.Remediation;

/// <summary>
/// Writes a concrete resource ARN so IAM matches it literally. In a Resource element (and in ARN/String
/// conditions) '*' and '?' are wildcards and '${...}' is a policy variable; a key named "reports/*" copied
/// verbatim would grant every key under reports/. IAM's escapes ${*}, ${?} and ${$} (policy version
/// 2012-10-17, IAM User Guide "policy variables: special characters") keep the grant to this one resource.
/// </summary>
internal static class IamLiteral
{
    /// <summary>True when the text holds a character IAM matches as a wildcard ('*' or '?'), "*" itself included.</summary>
    public static bool HasWildcard(string? text) => text?.IndexOfAny(['*', '?']) >= 0;

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

    /// <summary>
    /// The denied resource as a statement writes it: literal, except the trailing wildcards the resolver put there on
    /// purpose (<see cref="FixRequest.ResourceWildcardSuffixLength"/>), which stay wildcards. A suffix that holds
    /// anything but '?' and '*' is not a pattern the resolver builds, so the whole value is escaped instead.
    /// </summary>
    public static string Resource(FixRequest request) => Pattern(request.Resource!, WildcardSuffix(request));

    /// <summary>The number of trailing wildcard characters of the request's resource that are honoured (0 or the flag).</summary>
    public static int WildcardSuffix(FixRequest request)
    {
        var n = request.ResourceWildcardSuffixLength;
        var value = request.Resource;
        return value is not null && n > 0 && n < value.Length && value[^n..].All(c => c is '?' or '*') ? n : 0;
    }

    private static string Pattern(string value, int wildcardSuffix) =>
        wildcardSuffix == 0 ? Escape(value) : Escape(value[..^wildcardSuffix]) + value[^wildcardSuffix..];

    public static bool NeedsEscape(string value) => value != "*" && value.IndexOfAny(['*', '?', '$']) >= 0;
}
