using Denied.Findings;

namespace Denied.Intake;

/// <summary>
/// Decides whether a suppression rule silences a denial . Pure. A rule matches
/// when it has not expired, has at least one pattern, and every pattern it has matches: '*' is any run of
/// characters (also none), '?' exactly one; case-sensitive, except the action, which IAM compares
/// case-insensitively. A function pattern never matches a denial with no known function.
/// </summary>
public static class SuppressionMatcher
{
    /// <summary>The first rule (in the given order) that silences the denial, or null.</summary>
    public static SuppressionRule? FirstMatch(IEnumerable<SuppressionRule> rules, FindingKey key, string? functionName, DateTimeOffset now) =>
        rules.FirstOrDefault(r => Matches(r, key, functionName, now));

    public static bool Matches(SuppressionRule rule, FindingKey key, string? functionName, DateTimeOffset now)
    {
        if (rule.ExpiresAt is { } exp && exp <= now)
        {
            return false;
        }

        // A rule without patterns would silence everything: treated as a mistake, not as "match all".
        if (rule.FunctionPattern is null && rule.RolePattern is null && rule.ActionPattern is null && rule.ResourcePattern is null)
        {
            return false;
        }

        return (rule.FunctionPattern is null || (functionName is not null && Glob(rule.FunctionPattern, functionName, ignoreCase: false)))
            && (rule.RolePattern is null || Glob(rule.RolePattern, key.RoleArn, ignoreCase: false))
            && (rule.ActionPattern is null || Glob(rule.ActionPattern, key.Action, ignoreCase: true))
            && (rule.ResourcePattern is null || Glob(rule.ResourcePattern, key.Resource, ignoreCase: false));
    }

    /// <summary>
    /// Wildcard match in O(pattern × text) worst case with no regex (patterns are user input; no
    /// backtracking blow-up): the classic greedy star matcher that remembers the last '*'.
    /// </summary>
    public static bool Glob(string pattern, string text, bool ignoreCase)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], text[t], ignoreCase)))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
