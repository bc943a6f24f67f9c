namespace Denied.Remediation;

/// <summary>POSIX shell quoting for values interpolated into the suggested commands.</summary>
public static class ShellQuote
{
    /// <summary>
    /// Returns the value unchanged when it holds only characters no POSIX shell treats specially, otherwise wrapped
    /// in single quotes with each embedded quote written as '\''. Inside single quotes nothing is special (no $, `,
    /// \ or newline handling), so a value such as <c>a'; rm -rf / #</c> stays one literal argument.
    /// </summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value.All(IsPlain))
        {
            return value;
        }

        return "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    // Deliberately narrow: no glob (*?[), tilde, brace, quote, $, `, ;, &, |, <, >, whitespace or non-ASCII.
    private static bool IsPlain(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '_' or '-' or '.' or '/' or ':' or '@' or '%' or '+' or '=' or ',';
}
